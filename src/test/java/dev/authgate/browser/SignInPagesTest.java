package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login, registration and logout pages over HTTP, with the real account service. */
class SignInPagesTest {
  static final String PASSWORD = "correct horse battery";
  static final String SESSION = "authgate_session";
  static final String CSRF = "authgate_session_csrf";

  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "AUTH_BCRYPT_ROUNDS", "4",
                "AUTH_COOKIE_DOMAIN", ".example.com",
                "AUTH_ALLOWED_REDIRECT_HOSTS", "partner.test",
                "AUTH_PRODUCT_NAME", "Acme <Cloud>",
                "AUTH_BRAND_COLOR", "#0f766e",
                "AUTH_LOGIN_MAX_FAILURES", "3"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String newUser() {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    server
        .service()
        .accounts()
        .service()
        .addUser(email, PASSWORD, Optional.empty(), List.of("user"));
    return email;
  }

  static Map<String, String> form(String csrf, String email, String password, String rd) {
    return Map.of("csrf", csrf, "email", email, "password", password, "rd", rd);
  }

  @Test
  void servesAnAccessibleLoginPageWithProtectiveHeaders() {
    HttpResponse<String> r = server.get("/login?rd=%2Freports%22%3E%3Cscript%3E");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .startsWith("default-src 'none'; style-src 'sha256-")
        .contains("frame-ancestors 'none'", "form-action 'self' example.com:* *.example.com:*")
        .doesNotContain("unsafe-inline", "script-src");
    assertThat(r.body())
        .contains("<label for=\"email\">Email</label>", "<label for=\"password\">Password</label>")
        .contains("role=\"alert\" aria-live=\"assertive\"")
        .contains("Acme &lt;Cloud&gt;", "--brand:#0f766e")
        .contains("value=\"/reports&quot;&gt;&lt;script&gt;\"")
        .doesNotContain("<script", "Acme <Cloud>");
    assertThat(BrowserClient.setCookies(r, CSRF).get(0))
        .contains("HttpOnly", "SameSite=Strict", "Secure");
  }

  @Test
  void signsInSetsTheSessionCookieAndReturnsToTheAllowedUrl() {
    String email = newUser();
    BrowserClient browser = new BrowserClient(server);
    String csrf = browser.csrf("/login");

    HttpResponse<String> r =
        browser.post("/login", form(csrf, email, PASSWORD, "https://app.example.com/r?x=1"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("https://app.example.com/r?x=1");
    List<String> cookies = BrowserClient.setCookies(r, SESSION);
    assertThat(cookies)
        .anyMatch(
            c ->
                c.contains("Domain=.example.com")
                    && c.contains("Path=/")
                    && c.contains("HttpOnly")
                    && c.contains("SameSite=Lax")
                    && c.contains("Secure")
                    && c.matches(".*Max-Age=(60479\\d|604800).*"));
    assertThat(cookies).anyMatch(c -> !c.contains("Domain=") && c.contains("Max-Age=0"));
    HttpResponse<String> verify = browser.get("/verify");
    assertThat(verify.statusCode()).isEqualTo(200);
    assertThat(verify.headers().firstValue("X-User-Email")).hasValue(email);
  }

  @Test
  void fallsBackToTheDefaultForAReturnUrlOnAnotherHost() {
    String email = newUser();
    BrowserClient browser = new BrowserClient(server);

    HttpResponse<String> r =
        browser.post("/login", form(browser.csrf("/login"), email, PASSWORD, "https://evil.com/x"));

    assertThat(r.headers().firstValue("Location")).hasValue("/");
  }

  @Test
  void showsTheFormAgainWithAGenericMessageForAWrongPasswordOrUnknownEmail() {
    String email = newUser();
    BrowserClient browser = new BrowserClient(server);

    HttpResponse<String> wrong =
        browser.post("/login", form(browser.csrf("/login"), email, "wrong password", "/x"));
    HttpResponse<String> unknown =
        browser.post(
            "/login", form(browser.csrf("/login"), "nobody@example.com", "wrong password", "/x"));

    for (HttpResponse<String> r : List.of(wrong, unknown)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body())
          .contains(">The email or password is not correct.</div>")
          .contains("aria-invalid=\"true\"")
          .doesNotContain("wrong password");
      assertThat(BrowserClient.setCookies(r, SESSION)).isEmpty();
    }
    assertThat(wrong.body()).contains("value=\"" + email + "\"");
  }

  @Test
  void saysWhenToTryAgainAfterTooManyFailures() {
    String email = newUser();
    BrowserClient browser = new BrowserClient(server);
    HttpResponse<String> r = null;
    for (int i = 0; i < 4; i++) {
      r = browser.post("/login", form(browser.csrf("/login"), email, "wrong password", ""));
    }

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).containsPattern("Too many attempts\\. Try again in \\d+ minutes?\\.");
  }

  @Test
  void refusesAFormWithoutTheBrowsersTokenAndChangesNothing() {
    String email = newUser();
    BrowserClient browser = new BrowserClient(server);
    String csrf = browser.csrf("/login");

    HttpResponse<String> noToken = browser.post("/login", form("", email, PASSWORD, "/"));
    HttpResponse<String> otherToken =
        browser.post("/login", form(tampered(csrf), email, PASSWORD, "/"));
    HttpResponse<String> crossSite =
        browser.post("/login", form(csrf, email, PASSWORD, "/"), "Sec-Fetch-Site", "cross-site");
    BrowserClient stranger = new BrowserClient(server);
    HttpResponse<String> noCookie = stranger.post("/login", form(csrf, email, PASSWORD, "/"));

    for (HttpResponse<String> r : List.of(noToken, otherToken, crossSite, noCookie)) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("This form has expired. Please try again.");
      assertThat(BrowserClient.setCookies(r, SESSION)).isEmpty();
    }
  }

  @Test
  void answersAPostThatIsNotAFormWith415() {
    HttpResponse<String> r =
        server.send(
            "/login",
            b ->
                b.header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
  }

  @Test
  void logoutEndsTheSessionEverywhereAndClearsTheCookieOnItsDomain() {
    BrowserClient browser = signedIn(newUser());
    String token = browser.cookie(SESSION);

    HttpResponse<String> r = browser.post("/logout", Map.of("csrf", browser.csrf("/register")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("You are signed out.");
    assertThat(BrowserClient.setCookies(r, SESSION))
        .anyMatch(c -> c.contains("Domain=.example.com") && c.contains("Max-Age=0"));
    HttpResponse<String> replay =
        server.send("/verify", b -> b.header("Cookie", SESSION + "=" + token).GET());
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("revoked");
  }

  @Test
  void sendsABrowserThatIsSignedInAlreadyStraightOnFromTheLoginPage() {
    BrowserClient browser = signedIn(newUser());

    HttpResponse<String> onward = browser.get("/login?rd=%2Fdashboard");
    HttpResponse<String> elsewhere = browser.get("/login?rd=%2F%2Fevil.com");
    browser.post("/logout", Map.of("csrf", browser.csrf("/register")));
    HttpResponse<String> afterLogout = browser.get("/login?rd=%2Fdashboard");

    assertThat(onward.statusCode()).isEqualTo(303);
    assertThat(onward.headers().firstValue("Location")).hasValue("/dashboard");
    assertThat(elsewhere.headers().firstValue("Location")).hasValue("/");
    assertThat(afterLogout.statusCode()).isEqualTo(200);
  }

  @Test
  void logoutFollowsOnlyAnAllowedReturnUrl() {
    BrowserClient browser = signedIn(newUser());

    HttpResponse<String> allowed = browser.get("/logout?rd=https%3A%2F%2Fpartner.test%2Fbye");
    HttpResponse<String> refused = browser.get("/logout?rd=%2F%2Fevil.com");

    assertThat(allowed.statusCode()).isEqualTo(303);
    assertThat(allowed.headers().firstValue("Location")).hasValue("https://partner.test/bye");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void aCrossSiteLinkToLogoutOnlyAsksAndAForgedPostChangesNothing() {
    BrowserClient browser = signedIn(newUser());

    HttpResponse<String> link = browser.get("/logout", "Sec-Fetch-Site", "cross-site");
    HttpResponse<String> forged =
        browser.post("/logout", Map.of("csrf", "forged"), "Sec-Fetch-Site", "cross-site");

    assertThat(link.statusCode()).isEqualTo(200);
    assertThat(link.body()).contains("Do you want to sign out?");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(BrowserClient.setCookies(link, SESSION)).isEmpty();
    assertThat(BrowserClient.setCookies(forged, SESSION)).isEmpty();
    assertThat(browser.get("/verify").statusCode()).isEqualTo(200);
  }

  @Test
  void registersAndSignsInFromTheRegistrationPage() {
    BrowserClient browser = new BrowserClient(server);
    String email = "new" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    HttpResponse<String> page = browser.get("/register");
    HttpResponse<String> weak =
        browser.post("/register", form(browser.csrf("/register"), email, "short", "/"));
    HttpResponse<String> r =
        browser.post("/register", form(browser.csrf("/register"), email, PASSWORD, "/welcome"));

    assertThat(page.body())
        .contains("Create account", "autocomplete=\"new-password\"")
        .contains("minlength=\"8\" aria-describedby=\"password-hint\"")
        .contains("<p id=\"password-hint\" class=\"hint\">At least 8 characters.</p>")
        .contains("Already have an account? <a href=\"/login\">Sign in</a>");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("Password must be at least 8 characters.");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/welcome");
    assertThat(browser.get("/verify").headers().firstValue("X-User-Email")).hasValue(email);
  }

  static BrowserClient signedIn(String email) {
    BrowserClient browser = new BrowserClient(server);
    HttpResponse<String> r =
        browser.post("/login", form(browser.csrf("/login"), email, PASSWORD, "/"));
    assertThat(r.statusCode()).isEqualTo(303);
    return browser;
  }

  /** The token with its first character changed, so it can never equal the original. */
  private static String tampered(String token) {
    return (token.charAt(0) == 'x' ? 'y' : 'x') + token.substring(1);
  }
}
