package dev.authgate.account;

import java.nio.charset.StandardCharsets;

/**
 * At least 8 characters and at most 72 bytes in UTF-8. bcrypt ignores every byte after the 72nd, so
 * a longer password would be cut silently and anything sharing its first 72 bytes would match; it
 * is refused instead, with a message that says so.
 */
final class PasswordPolicy {
  static final int MIN_CHARS = 8;
  static final int MAX_BYTES = 72;

  private PasswordPolicy() {}

  /** For a new password: a 400 naming the rule it breaks. */
  static void checkNew(String password) {
    if (password.codePointCount(0, password.length()) < MIN_CHARS) {
      throw AccountException.invalid("password must be at least " + MIN_CHARS + " characters");
    }
    checkLength(password);
  }

  /** For a password presented at login: only what bcrypt cannot check. */
  static void checkLength(String password) {
    if (password.isEmpty()) {
      throw AccountException.invalid("password must not be empty");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw AccountException.invalid(
          "password is longer than "
              + MAX_BYTES
              + " bytes in UTF-8: bcrypt ignores bytes after 72; we refuse rather than truncate"
              + " silently");
    }
  }
}
