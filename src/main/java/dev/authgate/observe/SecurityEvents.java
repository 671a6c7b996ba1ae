package dev.authgate.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The security-event log ({@code dev.authgate.security}): one line per sign-in, lockout, sign-out,
 * refresh-token reuse, refused permission and key reload, with the user id and client address as
 * fields ({@code event}, {@code user_id}, {@code client}). No method takes a password or a token,
 * so none can be logged.
 */
public final class SecurityEvents {
  private static final String UNKNOWN = "unknown";
  private final Logger log;

  public SecurityEvents() {
    this(LoggerFactory.getLogger("dev.authgate.security"));
  }

  SecurityEvents(Logger log) {
    this.log = log;
  }

  public void loginSucceeded(String userId, String client) {
    event(Level.INFO, "login_succeeded", userId, client, "sign-in succeeded");
  }

  /**
   * @param userId empty when no account matched the name given
   * @param why a short code: bad_password, unknown_user, disabled
   */
  public void loginFailed(java.util.Optional<String> userId, String client, String why) {
    log.atWarn()
        .addKeyValue("event", "login_failed")
        .addKeyValue("user_id", userId.orElse(UNKNOWN))
        .addKeyValue("client", client)
        .addKeyValue("why", why)
        .log("sign-in failed: {}", why);
  }

  public void lockedOut(String userId, String client, java.time.Instant until) {
    log.atWarn()
        .addKeyValue("event", "lockout")
        .addKeyValue("user_id", userId)
        .addKeyValue("client", client)
        .addKeyValue("until", until.toString())
        .log("account locked until {}", until);
  }

  public void loggedOut(String userId, String client) {
    event(Level.INFO, "logout", userId, client, "signed out");
  }

  /** A refresh token was presented again after it had been used: its session is revoked. */
  public void refreshReuse(String userId, String client) {
    event(
        Level.WARN,
        "refresh_reuse",
        userId,
        client,
        "a used refresh token was presented again; the session is revoked");
  }

  /**
   * @param rule the access rule or permission that refused
   */
  public void permissionDenied(String userId, String client, String rule) {
    log.atWarn()
        .addKeyValue("event", "permission_denied")
        .addKeyValue("user_id", userId)
        .addKeyValue("client", client)
        .addKeyValue("rule", rule)
        .log("permission denied by {}", rule);
  }

  public void keysReloaded(java.util.Collection<String> kids) {
    log.atInfo()
        .addKeyValue("event", "key_reload")
        .addKeyValue("kids", String.join(",", kids))
        .log("key ring reloaded: kids {}", kids);
  }

  private void event(Level level, String event, String userId, String client, String message) {
    log.atLevel(level)
        .addKeyValue("event", event)
        .addKeyValue("user_id", userId)
        .addKeyValue("client", client)
        .log(message);
  }
}
