package dev.authgate.gate;

import java.util.List;

/**
 * Finds the credential of a request: {@code Authorization: Bearer <jwt>} (or a bare JWT without the
 * word Bearer), else the session cookie. Other authorization schemes are not credentials the gate
 * understands and are passed over.
 */
public final class CredentialExtractor {
  private static final String BEARER = "bearer";
  private final String cookieName;

  public CredentialExtractor(String cookieName) {
    this.cookieName = cookieName;
  }

  /**
   * The credential, or null when there is none.
   *
   * @param authorization the Authorization header, or null
   * @param cookieHeaders every Cookie header of the request
   * @throws AmbiguousCredential when the session cookie is sent twice with different values, which
   *     is how a cookie set on a parent domain is made to shadow the real one
   */
  public Credential extract(String authorization, List<String> cookieHeaders)
      throws AmbiguousCredential {
    if (authorization != null) {
      String token = bearer(authorization.trim());
      if (token != null) {
        return new Credential(Credential.Source.BEARER, token);
      }
    }
    String cookie = cookie(cookieHeaders);
    return cookie == null ? null : new Credential(Credential.Source.COOKIE, cookie);
  }

  // Compares and cuts in place: this runs on every request, and the token is the only copy made.
  private static String bearer(String header) {
    int space = header.indexOf(' ');
    if (space < 0) {
      return looksLikeJwt(header) ? header : null;
    }
    if (space != BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, space)) {
      return null;
    }
    int from = space + 1;
    int to = header.length();
    while (from < to && header.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && header.charAt(to - 1) <= ' ') {
      to--;
    }
    return from == to ? null : header.substring(from, to);
  }

  private static boolean looksLikeJwt(String value) {
    int first = value.indexOf('.');
    return first > 0 && value.indexOf('.', first + 1) > first;
  }

  private String cookie(List<String> headers) throws AmbiguousCredential {
    String found = null;
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq < 0 || !pair.substring(0, eq).trim().equals(cookieName)) {
          continue;
        }
        String value = unquote(pair.substring(eq + 1).trim());
        if (value.isEmpty()) {
          continue;
        }
        if (found != null && !found.equals(value)) {
          throw new AmbiguousCredential(cookieName);
        }
        found = value;
      }
    }
    return found;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  /** The session cookie appeared more than once with different values. */
  public static final class AmbiguousCredential extends Exception {
    private static final long serialVersionUID = 1L;

    AmbiguousCredential(String cookieName) {
      super(
          "the cookie " + cookieName + " was sent more than once with different values",
          null,
          false,
          false);
    }
  }
}
