package dev.authgate.account;

import java.util.regex.Pattern;

/**
 * The email addresses accepted: plain ASCII {@code name@domain.tld}. Internationalized addresses
 * are refused because letters that look alike (a Cyrillic "а" for a Latin "a") would let one person
 * register an address that reads as another's.
 */
final class Emails {
  static final int MAX_LENGTH = 254;
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final Pattern ADDRESS =
      Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

  private Emails() {}

  /** The address, unchanged, or a 400 that says what is wrong with it. */
  static String check(String email) {
    if (email.length() > MAX_LENGTH) {
      throw AccountException.invalid("email is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (c > 0x7e) {
        throw AccountException.invalid(
            "email must be plain ASCII: internationalized and look-alike letters are not accepted");
      }
      if (c <= 0x20 || c == 0x7f) {
        throw AccountException.invalid("email contains a space or a control character");
      }
    }
    if (!ADDRESS.matcher(email).matches() || email.indexOf('@') > 64) {
      throw AccountException.invalid("email is not an address of the form name@example.com");
    }
    return email;
  }
}
