package dev.authgate.rules;

import dev.authgate.token.Identity;
import java.util.List;
import java.util.stream.Collectors;

/** Who may pass a rule: anyone, anyone signed in, or holders of roles or permissions. */
sealed interface Policy {
  Policy PUBLIC = new Public();
  Policy AUTHENTICATED = new Authenticated();

  /** Why the identity may not pass, or null when it may. */
  String refusal(Identity identity);

  /** No credential needed; identity headers are still set when one is presented. */
  record Public() implements Policy {
    @Override
    public String refusal(Identity identity) {
      return null;
    }

    @Override
    public String toString() {
      return "public";
    }
  }

  record Authenticated() implements Policy {
    @Override
    public String refusal(Identity identity) {
      return null;
    }

    @Override
    public String toString() {
      return "authenticated";
    }
  }

  /** Roles, compared exactly. */
  record Roles(boolean all, List<String> required) implements Policy {
    @Override
    public String refusal(Identity identity) {
      return Requirement.refusal("role", all, required, identity.roles(), String::equals);
    }

    @Override
    public String toString() {
      return "roles " + (all ? "all" : "any") + " of " + required;
    }
  }

  /**
   * Permissions; a granted permission may hold {@code *} wildcards, so {@code docs:*} grants {@code
   * docs:read} and {@code *} grants everything.
   */
  record Permissions(boolean all, List<String> required) implements Policy {
    @Override
    public String refusal(Identity identity) {
      return Requirement.refusal(
          "permission", all, required, identity.permissions(), Permissions::grants);
    }

    static boolean grants(String granted, String required) {
      if (granted.indexOf('*') < 0) {
        return granted.equals(required);
      }
      String[] parts = granted.split("\\*", -1);
      if (!required.startsWith(parts[0])) {
        return false;
      }
      int at = parts[0].length();
      for (int i = 1; i < parts.length - 1; i++) {
        int found = required.indexOf(parts[i], at);
        if (found < 0) {
          return false;
        }
        at = found + parts[i].length();
      }
      String last = parts[parts.length - 1];
      return required.length() - at >= last.length() && required.endsWith(last);
    }

    @Override
    public String toString() {
      return "permissions " + (all ? "all" : "any") + " of " + required;
    }
  }

  /** The refusal sentence shared by roles and permissions. */
  final class Requirement {
    private Requirement() {}

    static String refusal(
        String kind,
        boolean all,
        List<String> required,
        List<String> held,
        java.util.function.BiPredicate<String, String> grants) {
      List<String> missing =
          required.stream().filter(r -> held.stream().noneMatch(h -> grants.test(h, r))).toList();
      if (all ? missing.isEmpty() : missing.size() < required.size()) {
        return null;
      }
      String names = missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
      if (all) {
        return "missing " + kind + (missing.size() > 1 ? "s " : " ") + names;
      }
      return required.size() == 1
          ? "missing " + kind + " " + names
          : "missing " + kind + ": one of " + names + " is required";
    }
  }
}
