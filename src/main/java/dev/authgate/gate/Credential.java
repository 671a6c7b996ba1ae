package dev.authgate.gate;

/**
 * What the caller presented, and where: the gate answers a cookie-borne failure differently (a
 * browser is sent to sign in) from a header-borne one.
 */
public record Credential(Source source, String value) {
  public enum Source {
    BEARER,
    COOKIE
  }
}
