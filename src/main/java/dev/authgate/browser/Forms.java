package dev.authgate.browser;

import io.javalin.http.Context;

/** Reading the fields of a posted form, where anything may be missing or oversized. */
final class Forms {
  private static final int MAX_RETURN_URL = 4096;

  private Forms() {}

  static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  /** A form field, or "" when the body is not a form or lacks it. */
  static String field(Context ctx, String name) {
    if (!isForm(ctx)) {
      return "";
    }
    String value = ctx.formParam(name);
    return value == null ? "" : value;
  }

  /** The return URL to carry along in the form; validated only where it is followed. */
  static String returnUrl(String rd) {
    return rd == null || rd.length() > MAX_RETURN_URL ? "" : rd;
  }

  static String userAgent(Context ctx) {
    String agent = ctx.header("User-Agent");
    return agent == null ? "" : agent.substring(0, Math.min(agent.length(), 512));
  }
}
