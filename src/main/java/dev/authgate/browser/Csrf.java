package dev.authgate.browser;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Binds each form to the browser that loaded it (double-submit): the form carries a random token
 * that is also in a host-only, HttpOnly, SameSite=Strict cookie, and a post counts only when the
 * two match. A browser that says the post is cross-site (Sec-Fetch-Site) is refused before that.
 */
final class Csrf {
  static final String FIELD = "csrf";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final SecureRandom random = new SecureRandom();
  private final String cookieName;
  private final boolean secure;

  Csrf(String sessionCookieName, boolean secure) {
    this.cookieName = sessionCookieName + "_csrf";
    this.secure = secure;
  }

  /** The browser's token for a form, set as a cookie first when it has none. */
  String token(Context ctx) {
    String existing = ctx.cookie(cookieName);
    if (existing != null && TOKEN.matcher(existing).matches()) {
      return existing;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ctx.res()
        .addHeader(
            "Set-Cookie",
            cookieName
                + "="
                + token
                + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : ""));
    return token;
  }

  /** Whether a posted form came from a page this browser loaded from authgate. */
  boolean valid(Context ctx) {
    if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
      return false;
    }
    String cookie = ctx.cookie(cookieName);
    String field = ctx.formParam(FIELD);
    return cookie != null
        && field != null
        && TOKEN.matcher(cookie).matches()
        && MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII));
  }
}
