package dev.authgate.account;

import java.util.regex.Pattern;

/**
 * Role names: lowercase letters, digits, hyphens and underscores, starting with a letter or digit.
 */
final class Roles {
  static final String ADMIN = "admin";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private Roles() {}

  static String check(String role) {
    if (!NAME.matcher(role).matches()) {
      throw AccountException.invalid(
          "role \""
              + role.replaceAll("\\p{Cntrl}", "?")
              + "\" is not a role name: use lowercase letters, digits, hyphens and underscores"
              + " (at most 64), for example editor");
    }
    return role;
  }
}
