package dev.authgate.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the sign-in pages need from the accounts: checking a password, opening and ending a refresh
 * session, registering. Authgate connects it to the account service, so that this package holds the
 * HTML and the cookie and nothing of how accounts are stored.
 */
public interface PasswordSignIn {

  /** Checks the password and, when it matches, opens a refresh session. */
  Outcome signIn(String email, String password, String clientAddress, String userAgent);

  /** Registers the person and signs them in. */
  Outcome register(String email, String password, String clientAddress, String userAgent);

  /**
   * Ends the refresh session family; its tokens are refused from then on. The user and the client
   * address go to the security log.
   */
  void signOut(String sessionId, String userId, String clientAddress);

  /** The answer to a sign-in or registration. */
  sealed interface Outcome {}

  /**
   * @param sessionId the refresh session family id, which the session token carries as {@code sid}
   * @param sessionEnds when the refresh session ends, and with it the browser's cookie
   */
  record SignedIn(
      String userId,
      String email,
      List<String> roles,
      List<String> permissions,
      String sessionId,
      Instant sessionEnds)
      implements Outcome {}

  /** Wrong email or password; deliberately silent about which. */
  record Refused() implements Outcome {}

  /** Too many failures: the person may try again after the wait. */
  record Throttled(Duration retryAfter) implements Outcome {}

  /** The input cannot be accepted (a weak password, an email in use); the message says why. */
  record Invalid(String message) implements Outcome {}

  /** The accounts cannot answer now (the store is down, the hash pool full). */
  record Unavailable(Duration retryAfter) implements Outcome {}
}
