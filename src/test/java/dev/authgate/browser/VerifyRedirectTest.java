package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser branch of /verify, against the real service. */
class VerifyRedirectTest {
  static final String NAVIGATION =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  static TestServer sameHost;
  static TestServer loginHost;
  static TestServer untrusting;

  @BeforeAll
  static void start() {
    sameHost = TestServer.start(Map.of("AUTH_COOKIE_NAME", "sso"));
    loginHost =
        TestServer.start(
            Map.of(
                "AUTH_LOGIN_URL", "https://auth.example.com/login",
                "AUTH_COOKIE_DOMAIN", ".example.com"));
    untrusting =
        TestServer.start(
            Map.of(
                "AUTH_LOGIN_URL", "https://auth.example.com/login",
                "AUTH_TRUSTED_PROXIES", "10.0.0.0/8"));
  }

  @AfterAll
  static void stop() {
    sameHost.close();
    loginHost.close();
    untrusting.close();
  }

  private static UnaryOperator<HttpRequest.Builder> browser(String... headers) {
    return b -> {
      b.header("Accept", NAVIGATION).header("Sec-Fetch-Mode", "navigate");
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return b.GET();
    };
  }

  @Test
  void sendsAPageNavigationToTheLoginPageWithThePathToComeBackTo() {
    HttpResponse<String> r =
        sameHost.send(
            "/verify",
            browser(
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "app.example.com",
                "X-Forwarded-Uri", "/reports?id=7&tab=all"));

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/login?rd=%2Freports%3Fid%3D7%26tab%3Dall");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void givesALoginPageOnAnotherHostTheWholeOriginalUrl() {
    HttpResponse<String> r =
        loginHost.send(
            "/verify",
            browser(
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "app.example.com",
                "X-Forwarded-Uri", "/docs/"));

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("https://auth.example.com/login?rd=https%3A%2F%2Fapp.example.com%2Fdocs%2F");
  }

  @Test
  void readsTheOriginalUrlThatNginxSendsAndKeepsTheStatusNginxCanPassOn() {
    HttpResponse<String> r =
        loginHost.send("/verify", browser("X-Original-URL", "http://app.example.com:8080/a?b=c"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("X-Auth-Redirect"))
        .hasValue(
            "https://auth.example.com/login?rd=http%3A%2F%2Fapp.example.com%3A8080%2Fa%3Fb%3Dc");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void keepsThe401ForApiClientsScriptsAndForms() {
    List<UnaryOperator<HttpRequest.Builder>> calls =
        List.of(
            b -> b.header("Accept", "application/json").GET(),
            b -> b.header("Accept", "*/*").GET(),
            b -> b.GET(),
            b -> b.header("Accept", "text/html, application/json").GET(),
            b -> b.header("Accept", NAVIGATION).header("Sec-Fetch-Mode", "cors").GET(),
            b -> b.header("Accept", NAVIGATION).header("X-Requested-With", "XMLHttpRequest").GET(),
            b -> b.header("Accept", NAVIGATION).header("X-Forwarded-Method", "POST").GET());
    for (UnaryOperator<HttpRequest.Builder> call : calls) {
      HttpResponse<String> r = sameHost.send("/verify", call);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Location")).isEmpty();
    }
  }

  @Test
  void ignoresForwardedHeadersFromAnUntrustedAddress() {
    HttpResponse<String> r =
        untrusting.send(
            "/verify",
            browser(
                "X-Forwarded-Host", "evil.example.net",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Uri", "/steal",
                "X-Original-URL", "https://evil.example.net/steal"));

    assertThat(r.headers().firstValue("X-Auth-Redirect"))
        .hasValue("https://auth.example.com/login");
    assertThat(r.headers().allValues("Location")).isEmpty();
  }

  @Test
  void ignoresUnderscoreVariantsOfForwardedHeaders() {
    HttpResponse<String> r =
        loginHost.send(
            "/verify",
            browser(
                "X_Forwarded_Host", "evil.example.net",
                "X_Forwarded_Proto", "https",
                "X-Forwarded-Host", "app.example.com",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Uri", "/x"));

    assertThat(r.headers().firstValue("Location"))
        .hasValue("https://auth.example.com/login?rd=https%3A%2F%2Fapp.example.com%2Fx");
  }

  @Test
  void ignoresAForwardedHostThatIsNotAHostName() {
    HttpResponse<String> r =
        loginHost.send(
            "/verify",
            browser(
                "X-Forwarded-Host", "evil.example.net/@app.example.com",
                "X-Forwarded-Uri", "//evil.example.net/"));

    assertThat(r.headers().firstValue("Location")).isPresent();
    assertThat(r.headers().firstValue("Location").get()).doesNotContain("evil");
  }

  @Test
  void acceptsASessionTokenFromTheCookieOnly() {
    String session =
        sameHost
            .service()
            .tokens()
            .session(
                "user-7",
                "p@example.com",
                List.of("staff"),
                List.of(),
                "family-1",
                Instant.now().plus(1, ChronoUnit.DAYS))
            .token();

    HttpResponse<String> fromCookie =
        sameHost.send("/verify", b -> b.header("Cookie", "sso=" + session).GET());
    HttpResponse<String> fromHeader = sameHost.verify(session);

    assertThat(fromCookie.statusCode()).isEqualTo(200);
    assertThat(fromCookie.headers().firstValue("X-User-Id")).hasValue("user-7");
    assertThat(fromHeader.statusCode()).isEqualTo(401);
    assertThat(fromHeader.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("not an access token (type 'session')");
  }

  @Test
  void refusesTheCookieNameSentTwiceWithDifferentValues() {
    String a = sameHost.service().tokens().access("u1", null, List.of(), List.of(), null).token();
    String b = sameHost.service().tokens().access("u2", null, List.of(), List.of(), null).token();

    HttpResponse<String> api =
        sameHost.send("/verify", r -> r.header("Cookie", "sso=" + a + "; sso=" + b).GET());
    HttpResponse<String> page =
        sameHost.send(
            "/verify",
            browser("Cookie", "sso=" + a, "Cookie", "sso=" + b, "X-Forwarded-Uri", "/in"));

    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("sent more than once with different values");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("X-User-Id")).isEmpty();
  }
}
