package dev.authgate.account;

import dev.authgate.config.Settings;
import dev.authgate.observe.SecurityEvents;
import dev.authgate.store.SessionStore;
import dev.authgate.store.StoredUser;
import dev.authgate.store.UserStore;
import dev.authgate.token.TokenIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration, sign-in, refresh and sign-out, for the JSON endpoints and the login form alike.
 * Every refusal is an {@link AccountException} whose status and message are fit to show; a store
 * that cannot be reached is a {@link dev.authgate.store.StoreUnavailable} (503).
 */
public final class AccountService {
  static final String DEFAULT_ROLE = "user";

  private final UserStore users;
  private final NewUsers newUsers;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final TokenIssuer tokens;
  private final RefreshTokens refreshTokens;
  private final RevocationList revoked;
  private final boolean registrationOpen;
  private final Clock clock;
  private final SecurityEvents events;

  AccountService(
      Settings.Accounts settings,
      UserStore users,
      SessionStore sessions,
      PasswordHasher hasher,
      TokenIssuer tokens,
      RefreshTokens refreshTokens,
      RevocationList revoked,
      Clock clock,
      SecurityEvents events) {
    this.users = users;
    this.newUsers = new NewUsers(users, hasher);
    this.sessions = sessions;
    this.hasher = hasher;
    this.throttle = new LoginThrottle(settings, clock);
    this.tokens = tokens;
    this.refreshTokens = refreshTokens;
    this.revoked = revoked;
    this.registrationOpen = settings.registrationOpen();
    this.clock = clock;
    this.events = events;
  }

  /** Self-registration: a new user with the role "user"; 403 when AUTH_REGISTRATION=closed. */
  public StoredUser register(String email, String password, Optional<String> name) {
    if (!registrationOpen) {
      throw AccountException.forbidden(
          "registration_closed", "self-registration is closed; ask an administrator");
    }
    return addUser(email, password, name, List.of(DEFAULT_ROLE));
  }

  /** Creates a user with the given roles, whether or not self-registration is open. */
  public StoredUser addUser(
      String email, String password, Optional<String> name, List<String> roles) {
    return newUsers.create(email, password, name, roles);
  }

  /**
   * Checks the password and begins a session. An unknown email costs the same bcrypt check as a
   * wrong password and gets the same 401; failures are limited per account and per address (429).
   */
  public SignedIn login(String email, String password, String clientAddress, String userAgent) {
    String key = UserStore.key(Emails.check(email));
    PasswordPolicy.checkLength(password);
    Optional<FailureWindow.Refusal> refusal = throttle.begin(key, clientAddress);
    if (refusal.isPresent()) {
      throw refused(refusal.get(), clientAddress);
    }
    Optional<StoredUser> found;
    StoredUser user;
    try {
      found = users.findByEmail(email);
      user = verifiedUser(found, password);
    } catch (RuntimeException | Error e) {
      throttle.abandoned(key, clientAddress);
      throw e;
    }
    Optional<String> id = found.map(u -> u.id().toString());
    if (user == null) {
      throttle.failed(key, clientAddress);
      events.loginFailed(id, clientAddress, found.isPresent() ? "bad_password" : "unknown_user");
      throw AccountException.badCredentials();
    }
    throttle.succeeded(key, clientAddress);
    if (!user.active()) {
      events.loginFailed(id, clientAddress, "disabled");
      throw deactivated();
    }
    events.loginSucceeded(id.orElseThrow(), clientAddress);
    if (hasher.weakerThanConfigured(user.passwordHash())) {
      users.updatePasswordHash(user.id(), hasher.hash(password));
    }
    return begin(user, UUID.randomUUID(), null, clientAddress, userAgent);
  }

  private AccountException refused(FailureWindow.Refusal refusal, String clientAddress) {
    if (refusal.lockedOut()) {
      AccountException e = AccountException.throttled(refusal.retryAfter());
      events.lockedOut(clientAddress, e.headers().get("Retry-After"));
      return e;
    }
    events.crowded(clientAddress);
    return AccountException.crowded(refusal.retryAfter());
  }

  /**
   * Spends the refresh token and returns a new pair (rotation). A token spent before revokes its
   * whole family and is refused (RFC 9700, section 4.14).
   */
  public SignedIn refresh(String refreshToken, String clientAddress, String userAgent) {
    RefreshTokens.Claims claims = refreshTokens.read(refreshToken);
    StoredUser user =
        users
            .findById(claims.userId())
            .orElseThrow(() -> AccountException.invalidToken("the user no longer exists"));
    if (!user.active()) {
      throw deactivated();
    }
    return begin(user, claims.familyId(), claims.sessionId(), clientAddress, userAgent);
  }

  /**
   * Signs out the session family: its tokens are refused from now on, here and, soon, everywhere.
   */
  public void logout(UUID familyId) {
    revoked.add(familyId, clock.instant().plus(tokens.refreshTtl()));
    sessions.revokeFamily(familyId).ifPresent(expiry -> revoked.add(familyId, expiry));
  }

  /** Signs out the family, and records who did it from where in the security log. */
  public void logout(UUID familyId, String userId, String clientAddress) {
    logout(familyId);
    events.loggedOut(userId, clientAddress);
  }

  /** Signs out the family of a refresh token. */
  public void logoutRefreshToken(String refreshToken, String clientAddress) {
    RefreshTokens.Claims claims = refreshTokens.read(refreshToken);
    logout(claims.familyId(), claims.userId().toString(), clientAddress);
  }

  /** The user as stored now; 404 when there is none. */
  public StoredUser user(UUID id) {
    return users.findById(id).orElseThrow(() -> AccountException.notFound("no such user"));
  }

  /** The user whose password this is, or null; always spends one bcrypt check. */
  private StoredUser verifiedUser(Optional<StoredUser> user, String password) {
    if (user.isEmpty()) {
      hasher.matchNothing(password);
      return null;
    }
    return hasher.matches(password, user.get().passwordHash()) ? user.get() : null;
  }

  private SignedIn begin(
      StoredUser user, UUID familyId, UUID spent, String clientAddress, String userAgent) {
    String subject = user.id().toString();
    TokenIssuer.Issued refresh = tokens.refresh(subject, familyId.toString(), tokens.refreshTtl());
    SessionStore.NewSession session =
        new SessionStore.NewSession(
            UUID.fromString(refresh.tokenId()),
            user.id(),
            familyId,
            refresh.expiresAt(),
            Optional.ofNullable(userAgent),
            Optional.ofNullable(clientAddress));
    if (spent == null) {
      sessions.create(session);
    } else {
      refuseUnlessRotated(sessions.rotate(spent, session), familyId, subject, clientAddress);
    }
    TokenIssuer.Issued access =
        tokens.access(subject, user.email(), user.roles(), user.permissions(), familyId.toString());
    return new SignedIn(user, access, refresh, familyId);
  }

  private void refuseUnlessRotated(
      SessionStore.Rotation rotation, UUID familyId, String userId, String clientAddress) {
    switch (rotation) {
      case ROTATED -> {}
      case REUSED -> {
        events.refreshReuse(userId, clientAddress);
        revoked.add(familyId, clock.instant().plus(tokens.refreshTtl()));
        throw AccountException.invalidToken(
            "refresh token was already used: the session is revoked, sign in again");
      }
      case REVOKED -> throw AccountException.invalidToken("refresh token has been revoked");
      case EXPIRED -> throw AccountException.invalidToken("refresh token has expired");
      case UNKNOWN -> throw AccountException.invalidToken("refresh token names no session");
    }
  }

  private static AccountException deactivated() {
    return AccountException.forbidden("account_disabled", "this account has been deactivated");
  }
}
