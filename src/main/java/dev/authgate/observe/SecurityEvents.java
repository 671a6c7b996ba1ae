package dev.authgate.observe;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The security-event log ({@code dev.authgate.security}): one line per sign-in, lockout, sign-in
 * refused as too many at once, sign-out, refresh-token reuse, refused permission and key reload,
 * with the user id and client address as fields ({@code event}, {@code user_id}, {@code client}).
 * No method takes a password or a token, so none can be logged. Sign-in outcomes are counted in the
 * metrics as they are logged.
 */
public final class SecurityEvents {
  private static final String UNKNOWN = "unknown";
  private final Logger log;
  private final Metrics metrics;
  private final LogBudget lockouts;

  /**
   * @param lockouts the budget of lockout lines: a locked-out client costs no password check, so it
   *     can try fast
   */
  public SecurityEvents(Metrics metrics, LogBudget lockouts) {
    this(LoggerFactory.getLogger("dev.authgate.security"), metrics, lockouts);
  }

  SecurityEvents(Logger log, Metrics metrics, LogBudget lockouts) {
    this.log = log;
    this.metrics = metrics;
    this.lockouts = lockouts;
  }

  public void loginSucceeded(String userId, String client) {
    metrics.login(Metrics.Login.SUCCEEDED);
    event(Level.INFO, "login_succeeded", userId, client, "sign-in succeeded");
  }

  /**
   * @param userId empty when no account matched the name given
   * @param why a short code: bad_password, unknown_user, disabled
   */
  public void loginFailed(Optional<String> userId, String client, String why) {
    metrics.login(Metrics.Login.FAILED);
    log.atWarn()
        .addKeyValue("event", "login_failed")
        .addKeyValue("user_id", userId.orElse(UNKNOWN))
        .addKeyValue("client", client)
        .addKeyValue("why", why)
        .log("sign-in failed: {}", why);
  }

  /**
   * A sign-in refused unchecked because the account or the client failed too often. The account is
   * named by the email typed, which may match no user, so no user id is logged; the failed attempts
   * before it carry it.
   */
  public void lockedOut(String client, String retryAfterSeconds) {
    refusedUnchecked(Metrics.Login.LOCKED, "lockout", client)
        .ifPresent(
            line ->
                line.addKeyValue("retry_after_s", retryAfterSeconds)
                    .log(
                        "sign-in refused after too many failures; retry after {} s",
                        retryAfterSeconds));
  }

  /**
   * A sign-in refused unchecked because as many attempts as the limit allows, for the account or
   * the client, were still being checked: a burst of parallel guesses, or a client that sends the
   * same sign-in many times at once. It shares the lockouts' budget of lines.
   */
  public void crowded(String client) {
    refusedUnchecked(Metrics.Login.CROWDED, "too_many_at_once", client)
        .ifPresent(
            line ->
                line.log(
                    "sign-in refused: too many sign-ins for the account or client already in"
                        + " progress"));
  }

  /**
   * Counts a sign-in refused before its password was checked, and starts its warning line when the
   * budget allows one: such a client costs no bcrypt, so it can try fast.
   */
  private Optional<LoggingEventBuilder> refusedUnchecked(
      Metrics.Login outcome, String event, String client) {
    metrics.login(outcome);
    LogBudget.Grant grant = lockouts.take();
    if (!grant.log()) {
      return Optional.empty();
    }
    return Optional.of(
        log.atWarn()
            .addKeyValue("event", event)
            .addKeyValue("client", client)
            .addKeyValue("held_back", grant.suppressedBefore()));
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
