package dev.authgate.store;

/** A row with the same unique key exists; the caller decides what that means. */
final class DuplicateKey extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DuplicateKey(String message) {
    super(message, null, false, false);
  }
}
