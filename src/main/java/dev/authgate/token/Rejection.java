package dev.authgate.token;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * A refused credential: the reason, and a sentence that says why in terms the caller can act on.
 * The sentence is safe to send back (values taken from the token are shortened and stripped of
 * quotes and control characters), because it goes into {@code WWW-Authenticate}.
 */
public record Rejection(Reason reason, String description) {
  private static final int MAX_ECHO = 64;

  // The rejections that carry no facts of the token are made once: they answer every request
  // without a credential, every revoked session and every forged signature, and the same object
  // lets /verify reuse the refusal it encoded last.
  private static final Rejection REVOKED = new Rejection(Reason.REVOKED, "token has been revoked");
  private static final Rejection BAD_SIGNATURE =
      new Rejection(Reason.BAD_SIGNATURE, "signature matches no known key");
  private static final Rejection NO_CREDENTIAL =
      new Rejection(
          Reason.NO_CREDENTIAL,
          "no credential: send Authorization: Bearer <token> or a session cookie");

  /**
   * Keeps the description inside what RFC 6750 section 3 allows in {@code error_description}
   * (printable ASCII without {@code "} and {@code \}), whoever builds the rejection, so that no
   * sentence can break the quoted string of the header.
   */
  public Rejection {
    description = headerSafe(description);
  }

  static Rejection malformed(String why) {
    return new Rejection(Reason.MALFORMED, "malformed token: " + why);
  }

  static Rejection algorithmNotAllowed(String alg, String issuer, Collection<String> allowed) {
    return new Rejection(
        Reason.ALGORITHM_NOT_ALLOWED,
        "algorithm "
            + echo(alg)
            + " is not allowed for issuer '"
            + echo(issuer)
            + "' (allowed: "
            + String.join(", ", allowed)
            + ")");
  }

  static Rejection algorithmNone() {
    return new Rejection(Reason.ALGORITHM_NOT_ALLOWED, "algorithm none is never accepted");
  }

  static Rejection embeddedKey(String header) {
    return new Rejection(
        Reason.EMBEDDED_KEY,
        "header "
            + header
            + " is not accepted: keys named or carried by a token are never trusted");
  }

  static Rejection unsupportedCritical(String names) {
    return new Rejection(
        Reason.UNSUPPORTED_CRITICAL_HEADER,
        "critical header extension " + echo(names) + " is not understood");
  }

  static Rejection untrustedIssuer(String iss) {
    return new Rejection(Reason.UNTRUSTED_ISSUER, "issuer '" + echo(iss) + "' is not trusted");
  }

  static Rejection missingIssuer() {
    return new Rejection(Reason.UNTRUSTED_ISSUER, "missing required iss claim");
  }

  static Rejection unknownKid(String kid) {
    return new Rejection(Reason.UNKNOWN_KID, "unknown kid '" + echo(kid) + "'");
  }

  static Rejection noKeyWithoutKid(String alg) {
    return new Rejection(
        Reason.UNKNOWN_KID, "no kid, and no key of the issuer verifies " + echo(alg));
  }

  static Rejection keyNotForAlgorithm(String kid, String alg) {
    return new Rejection(
        Reason.ALGORITHM_NOT_ALLOWED,
        "key '" + echo(kid) + "' is not a key for algorithm " + echo(alg));
  }

  static Rejection badSignature() {
    return BAD_SIGNATURE;
  }

  static Rejection missingExp() {
    return new Rejection(Reason.MISSING_EXP, "missing required exp claim");
  }

  static Rejection expired(Instant exp, Instant now) {
    long ago = Duration.between(exp, now).getSeconds();
    return new Rejection(Reason.EXPIRED, "expired " + ago + " s ago");
  }

  static Rejection notYetValid(Instant nbf) {
    return new Rejection(
        Reason.NOT_YET_VALID, "not valid before " + nbf.truncatedTo(ChronoUnit.SECONDS));
  }

  static Rejection issuedInFuture(Instant iat) {
    return new Rejection(
        Reason.ISSUED_IN_FUTURE,
        "issued in the future (iat " + iat.truncatedTo(ChronoUnit.SECONDS) + "); check the clocks");
  }

  static Rejection audienceMismatch(String expected) {
    return new Rejection(
        Reason.AUDIENCE_MISMATCH, "audience mismatch: expected '" + echo(expected) + "'");
  }

  static Rejection missingSub() {
    return new Rejection(Reason.MISSING_SUB, "missing required sub claim");
  }

  static Rejection refreshToken() {
    return new Rejection(Reason.REFRESH_TOKEN, "refresh token used as an access token");
  }

  static Rejection notAccessToken(String type) {
    return new Rejection(
        Reason.NOT_ACCESS_TOKEN,
        type.isEmpty()
            ? "not an access token (no type claim)"
            : "not an access token (type '" + echo(type) + "')");
  }

  /** A token of a session that was signed out or revoked. */
  public static Rejection revoked() {
    return REVOKED;
  }

  /** No credential at all: not an error in RFC 6750's sense, the caller simply has to sign in. */
  public static Rejection noCredential() {
    return NO_CREDENTIAL;
  }

  /** Makes a value from the token safe and short enough to quote in a header. */
  static String echo(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX_ECHO; i++) {
      char c = value.charAt(i);
      out.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '\'' ? '?' : c);
    }
    if (value.length() > MAX_ECHO) {
      out.append("...");
    }
    return out.toString();
  }

  private static String headerSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char safe = c == '"' ? '\'' : c == '\\' || c < 0x20 || c > 0x7e ? '?' : c;
      if (safe != c && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(safe);
      }
    }
    return out == null ? text : out.toString();
  }
}
