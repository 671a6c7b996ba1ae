package dev.authgate.token;

/** The keys of an issuer could not be fetched or read; the message says which and why. */
final class JwksUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  JwksUnavailable(String message) {
    super(message, null, false, false);
  }
}
