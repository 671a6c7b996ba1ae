package dev.authgate.browser;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in, registration and sign-out pages, each with a fresh CSRF token. A form shown again
 * after a failure keeps the email (never the password), and its message is read out by screen
 * readers (an alert region) and tied to the fields it concerns.
 */
final class FormPages {
  private final Pages pages;
  private final Csrf csrf;
  private final boolean registrationOpen;

  FormPages(Pages pages, Csrf csrf, boolean registrationOpen) {
    this.pages = pages;
    this.csrf = csrf;
    this.registrationOpen = registrationOpen;
  }

  boolean registrationOpen() {
    return registrationOpen;
  }

  void login(Context ctx, int status, String email, String message, String rd) {
    Map<String, String> values = form(ctx, email, message, rd);
    values.put(
        "footer",
        registrationOpen
            ? "<p class=\"footer\">New here? <a href=\""
                + Template.escape(withRd("/register", rd))
                + "\">Create an account</a></p>"
            : "");
    pages.send(ctx, status, "Sign in", pages.body("login.html", values));
  }

  void register(Context ctx, int status, String email, String message, String rd) {
    Map<String, String> values = form(ctx, email, message, rd);
    values.put("loginHref", withRd("/login", rd));
    pages.send(ctx, status, "Create account", pages.body("register.html", values));
  }

  void confirmSignOut(Context ctx, int status, String message, String rd) {
    Map<String, String> values = new HashMap<>();
    values.put("csrf", csrf.token(ctx));
    values.put("rd", rd);
    values.put("message", message);
    pages.send(ctx, status, "Sign out", pages.body("sign-out.html", values));
  }

  void signedOut(Context ctx) {
    pages.send(
        ctx, 200, "Signed out", pages.body("signed-out.html", Map.of("loginHref", "/login")));
  }

  /** The security headers alone, for the redirects these routes answer with. */
  void secure(Context ctx) {
    pages.secure(ctx);
  }

  private Map<String, String> form(Context ctx, String email, String message, String rd) {
    Map<String, String> values = new HashMap<>();
    values.put("csrf", csrf.token(ctx));
    values.put("rd", rd);
    values.put("email", email);
    values.put("message", message);
    String invalid = message.isEmpty() ? "" : " aria-invalid=\"true\"";
    String described = message.isEmpty() ? "" : " aria-describedby=\"form-error\"";
    boolean emailFirst = email.isEmpty();
    values.put("emailAttributes", invalid + described + (emailFirst ? " autofocus" : ""));
    values.put("passwordAttributes", invalid + (emailFirst ? "" : " autofocus"));
    return values;
  }

  private static String withRd(String path, String rd) {
    return rd.isEmpty() ? path : path + "?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8);
  }
}
