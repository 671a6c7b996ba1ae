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

  void login(Context ctx, int status, String email, String message, String rd) {
    Map<String, String> values = form(ctx, email, message, rd, "");
    values.put("lead", "Sign in to continue.");
    values.put("action", "/login");
    values.put("passwordAutocomplete", "current-password");
    values.put("passwordHint", "");
    values.put("button", "Sign in");
    values.put(
        "footer",
        registrationOpen ? footer("New here?", withRd("/register", rd), "Create an account") : "");
    pages.send(ctx, status, "Sign in", pages.body("password-form.html", values));
  }

  void register(Context ctx, int status, String email, String message, String rd) {
    Map<String, String> values =
        form(ctx, email, message, rd, " minlength=\"8\" aria-describedby=\"password-hint\"");
    values.put("lead", "Create your account.");
    values.put("action", "/register");
    values.put("passwordAutocomplete", "new-password");
    values.put("passwordHint", pages.body("password-hint.html", Map.of()));
    values.put("button", "Create account");
    values.put("footer", footer("Already have an account?", withRd("/login", rd), "Sign in"));
    pages.send(ctx, status, "Create account", pages.body("password-form.html", values));
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

  private String footer(String text, String href, String link) {
    return pages.body("footer-link.html", Map.of("text", text, "href", href, "link", link));
  }

  private Map<String, String> form(
      Context ctx, String email, String message, String rd, String passwordRules) {
    Map<String, String> values = new HashMap<>();
    values.put("csrf", csrf.token(ctx));
    values.put("rd", rd);
    values.put("email", email);
    values.put("message", message);
    String invalid = message.isEmpty() ? "" : " aria-invalid=\"true\"";
    String described = message.isEmpty() ? "" : " aria-describedby=\"form-error\"";
    boolean emailFirst = email.isEmpty();
    values.put("emailAttributes", invalid + described + (emailFirst ? " autofocus" : ""));
    values.put("passwordAttributes", passwordRules + invalid + (emailFirst ? "" : " autofocus"));
    return values;
  }

  private static String withRd(String path, String rd) {
    return rd.isEmpty() ? path : path + "?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8);
  }
}
