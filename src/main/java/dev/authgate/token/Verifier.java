package dev.authgate.token;

/** Answers whether a token is accepted, and who it names; thread-safe. */
public interface Verifier {

  /** The identity in a bearer token, or the first reason it is refused. */
  Verification verify(String token);

  /** The same for a token from the session cookie, where a session token is accepted as well. */
  Verification verifySessionCookie(String token);

  /**
   * The answer {@link #verify} would give, when it is known without verifying (a verifier that
   * remembers answers); null otherwise.
   */
  default Verification remembered(String token) {
    return null;
  }

  /** The same for {@link #verifySessionCookie}. */
  default Verification rememberedSessionCookie(String token) {
    return null;
  }
}
