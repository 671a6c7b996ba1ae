package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.proxy.Proxy;
import dev.authgate.proxy.ProxyKind;
import dev.authgate.proxy.RecordedRequest;
import dev.authgate.proxy.Upstream;
import dev.authgate.support.TestServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A person signing in, in Debian's Chromium (driven by playwright-core, src/test/browser/flow.js),
 * through a real Nginx and a real Caddy in front of the real authgate and an app: protected URL,
 * login page, sign-in, back at the URL where the app sees X-User-Id, reload, past the access token
 * lifetime, another subdomain, cross-site posts, logout, and the revoked cookie put back.
 */
class SignInInChromiumTest {
  static final String EMAIL = "ada@example.com";
  static final String PASSWORD = "analytical engine";
  static final int ACCESS_TTL_SECONDS = 2;

  static TestServer authgate;
  static Upstream app;
  static String userId;

  @BeforeAll
  static void start() {
    authgate =
        TestServer.start(
            Map.of(
                "AUTH_BCRYPT_ROUNDS", "4",
                "AUTH_COOKIE_SECURE", "false",
                "AUTH_COOKIE_DOMAIN", ".authgate.test",
                "AUTH_ACCESS_TOKEN_TTL", ACCESS_TTL_SECONDS + "s",
                "AUTH_CLOCK_SKEW", "0",
                "AUTH_ALLOWED_REDIRECT_HOSTS", "www.whitelisteddomain.tld",
                "AUTH_PRODUCT_NAME", "Example Corp",
                "AUTH_BRAND_COLOR", "#4f46e5"));
    userId =
        authgate
            .service()
            .accounts()
            .service()
            .addUser(EMAIL, PASSWORD, Optional.empty(), List.of("user"))
            .id()
            .toString();
    app = Upstream.start();
  }

  @AfterAll
  static void stop() {
    app.close();
    authgate.close();
  }

  @ParameterizedTest
  @EnumSource(ProxyKind.class)
  void signsInAndOutThroughTheProxy(ProxyKind kind) {
    app.clear();
    try (Proxy proxy = kind.start(address(), app.address())) {
      Map<String, String> env =
          Map.of(
              "FLOW_BASE_URL",
              "http://app.authgate.test:" + proxy.port(),
              "FLOW_EMAIL",
              EMAIL,
              "FLOW_PASSWORD",
              PASSWORD,
              "FLOW_USER_ID",
              userId,
              "FLOW_ACCESS_TTL_SECONDS",
              Integer.toString(ACCESS_TTL_SECONDS),
              "FLOW_SCREENSHOT",
              kind == ProxyKind.NGINX ? screenshot() : "");

      NodeScripts.Run run = NodeScripts.node("flow.js", env, 180);

      assertThat(run.exitCode()).as(run.output() + "\n" + proxy.output()).isZero();
      assertThat(run.output())
          .as(run.output())
          .contains(
              "ok - a protected URL leads to the login page with the original URL in rd",
              "ok - a wrong password shows the form again with a generic message and the email"
                  + " kept",
              "ok - signing in leads back to the original URL, where the app sees X-User-Id",
              "ok - the session cookie is HttpOnly, SameSite=Lax, on Domain .authgate.test",
              "ok - a reload stays signed in",
              "ok - still signed in after the access token lifetime has passed",
              "ok - the same sign-in covers another subdomain of the cookie domain",
              "ok - cross-site form posts change nothing (logout answered 403, login 403)",
              "ok - logout shows the signed-out page and clears the cookie",
              "ok - after logout the protected URL leads to the login page again",
              "ok - the cookie of the signed-out session, put back, is refused (revoked)",
              "flow passed");
      assertThat(app.requests())
          .as("what the app received")
          .anyMatch(r -> r.uri().startsWith("/reports/q3") && hasUser(r));
      assertThat(app.requests()).allMatch(r -> hasUser(r) || r.header("X-User-Id").isEmpty());
    }
  }

  @Test
  void noPayloadOfTheOpenRedirectCorpusLeadsChromiumsUrlParserToAnotherHost() {
    NodeScripts.Run run =
        NodeScripts.node(
            "openredirects.js",
            Map.of(
                "FLOW_AUTHGATE_URL",
                "http://127.0.0.1:" + authgate.service().port(),
                "FLOW_CORPUS",
                SharedTestData.file("openredirects.txt").toString()),
            180);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("559 payloads", "0 escaped");
  }

  private static boolean hasUser(RecordedRequest r) {
    return r.header("X-User-Id").filter(userId::equals).isPresent();
  }

  private static InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", authgate.service().port());
  }

  private static String screenshot() {
    return Path.of("docs", "login.png").toAbsolutePath().toString();
  }
}
