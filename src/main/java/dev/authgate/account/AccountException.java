package dev.authgate.account;

import dev.authgate.web.ApiError;
import java.time.Duration;
import java.util.Map;

/**
 * An account request refused, named after the response it produces. Callers other than the JSON
 * endpoints (the login form) read {@link #status()} and the message, which is fit to show a person.
 */
public final class AccountException extends ApiError {
  private static final long serialVersionUID = 1L;

  /** The one answer to a wrong password and an unknown email alike. */
  static final String BAD_CREDENTIALS = "the email or password is wrong";

  private AccountException(int status, String error, String message, Map<String, String> headers) {
    super(status, error, message, headers);
  }

  static AccountException invalid(String message) {
    return new AccountException(400, "invalid_request", message, Map.of());
  }

  static AccountException badCredentials() {
    return new AccountException(401, "invalid_credentials", BAD_CREDENTIALS, Map.of());
  }

  /** A token that does not authenticate its caller; says why in RFC 6750's header too. */
  public static AccountException invalidToken(String why) {
    return new AccountException(
        401,
        "invalid_token",
        why,
        Map.of(
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\", error_description=\""
                + why.replace('"', '\'')
                + "\""));
  }

  /** No credential where one is required. */
  public static AccountException unauthenticated(String message) {
    return new AccountException(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer"));
  }

  public static AccountException forbidden(String error, String message) {
    return new AccountException(403, error, message, Map.of());
  }

  static AccountException notFound(String message) {
    return new AccountException(404, "not_found", message, Map.of());
  }

  static AccountException conflict(String error, String message) {
    return new AccountException(409, error, message, Map.of());
  }

  static AccountException throttled(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    return new AccountException(
        429,
        "too_many_attempts",
        "too many failed sign-ins; try again in " + seconds + " s",
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * As many sign-ins as the limit allows are being checked for the account or the client. It shares
   * the error code of {@link #throttled}: to a client, both mean "wait Retry-After and try again".
   */
  static AccountException crowded(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return new AccountException(
        429,
        "too_many_attempts",
        "too many sign-ins at once for this account or client; try again in " + seconds + " s",
        Map.of("Retry-After", Long.toString(seconds)));
  }

  static AccountException overloaded() {
    return new AccountException(
        503,
        "overloaded",
        "too many sign-ins at once; try again in a second",
        Map.of("Retry-After", "1"));
  }
}
