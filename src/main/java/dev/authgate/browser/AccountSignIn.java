package dev.authgate.browser;

import dev.authgate.account.AccountService;
import dev.authgate.web.ApiError;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The sign-in pages' view of the account service: its refusals (exceptions named after their HTTP
 * status) become outcomes the pages show as a sentence for a person.
 */
public final class AccountSignIn implements PasswordSignIn {
  private final AccountService accounts;

  public AccountSignIn(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Outcome signIn(String email, String password, String clientAddress, String userAgent) {
    return attempt(() -> signedIn(accounts.login(email, password, clientAddress, userAgent)));
  }

  @Override
  public Outcome register(String email, String password, String clientAddress, String userAgent) {
    return attempt(
        () -> {
          accounts.register(email, password, Optional.empty());
          return signedIn(accounts.login(email, password, clientAddress, userAgent));
        });
  }

  @Override
  public void signOut(String sessionId, String userId, String clientAddress) {
    accounts.logout(UUID.fromString(sessionId), userId, clientAddress);
  }

  private static Outcome attempt(Supplier<Outcome> call) {
    try {
      return call.get();
    } catch (ApiError e) {
      return switch (e.status()) {
        case 401 -> new Refused();
        case 429 -> new Throttled(retryAfter(e));
        case 503 -> new Unavailable(retryAfter(e));
        default -> new Invalid(sentence(e.getMessage()));
      };
    }
  }

  private static Outcome signedIn(dev.authgate.account.SignedIn s) {
    return new SignedIn(
        s.user().id().toString(),
        s.user().email(),
        s.user().roles(),
        s.user().permissions(),
        s.familyId().toString(),
        s.refresh().expiresAt());
  }

  private static Duration retryAfter(ApiError e) {
    String header = e.headers().getOrDefault("Retry-After", "1");
    return header.matches("\\d{1,9}")
        ? Duration.ofSeconds(Long.parseLong(header))
        : Duration.ofSeconds(1);
  }

  /** "password must be at least 8 characters" -> "Password must be at least 8 characters." */
  private static String sentence(String message) {
    String m = message == null || message.isBlank() ? "that cannot be accepted" : message;
    return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
  }
}
