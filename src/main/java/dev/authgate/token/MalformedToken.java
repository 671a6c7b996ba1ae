package dev.authgate.token;

/**
 * Thrown by the parser for input that is not a JWT. It carries no stack trace, so refusing garbage
 * costs an allocation, not a stack walk.
 */
final class MalformedToken extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  MalformedToken(String why) {
    super(why, null, false, false);
    this.rejection = Rejection.malformed(why);
  }

  Rejection rejection() {
    return rejection;
  }
}
