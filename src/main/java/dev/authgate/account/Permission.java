package dev.authgate.account;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A permission {@code resource:action}: lowercase letters, digits and hyphens on each side, or
 * {@code *} for any. A granted {@code docs:*} allows every action on docs, {@code *:read} reading
 * anything, {@code *:*} everything.
 */
public record Permission(String resource, String action) {
  private static final Pattern PART = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_PART = 64;
  static final String ANY = "*";

  /** Parses a permission, or refuses it with a 400 naming the rule it breaks. */
  public static Permission parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0 || colon != text.lastIndexOf(':')) {
      throw AccountException.invalid(
          "permission \"" + shown(text) + "\" must follow resource:action, for example docs:read");
    }
    String resource = text.substring(0, colon);
    String action = text.substring(colon + 1);
    checkPart("resource", resource);
    checkPart("action", action);
    return new Permission(resource, action);
  }

  private static void checkPart(String what, String part) {
    if (part.isEmpty()) {
      throw AccountException.invalid(what + " is empty: a permission must follow resource:action");
    }
    if (part.length() > MAX_PART) {
      throw AccountException.invalid(what + " is longer than " + MAX_PART + " characters");
    }
    if (!part.equals(ANY) && !PART.matcher(part).matches()) {
      throw AccountException.invalid(
          what
              + " contains invalid characters: "
              + shown(part.replaceAll("[a-z0-9-]", ""))
              + " (use lowercase letters, digits and hyphens, or * for any)");
    }
  }

  /** Whether any of the granted permissions (wildcards included) allows this one. */
  public boolean grantedBy(Collection<String> granted) {
    for (String g : granted) {
      int colon = g.indexOf(':');
      if (colon > 0
          && matches(g.substring(0, colon), resource)
          && matches(g.substring(colon + 1), action)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String granted, String wanted) {
    return granted.equals(ANY) || granted.equals(wanted);
  }

  @Override
  public String toString() {
    return resource + ":" + action;
  }

  private static String shown(String s) {
    String clipped = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return clipped.replaceAll("\\p{Cntrl}", "?");
  }
}
