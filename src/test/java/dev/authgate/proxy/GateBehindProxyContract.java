package dev.authgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a client and the app behind a real proxy see, with the real authgate deciding: the same
 * contract for every proxy configuration shipped under deploy/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GateBehindProxyContract {
  private static final String LOGIN_URL = "https://auth.example.test/login";
  private static final String SECRET = "proxy-test-shared-secret-of-40-bytes-xxxx";
  private static final String SECRET_ISSUER = "https://legacy.example.test";
  private static final String RULES =
      String.join(
          "\n",
          "default: authenticated",
          "rules:",
          "  - path: /public",
          "    policy: public",
          "  - path: /admin",
          "    policy: roles",
          "    any: [admin]",
          "");

  /** Every identity header /verify may answer with, so a new one is checked here at once. */
  static final List<String> IDENTITY = IdentityHeaders.all();

  TestServer authgate;
  Upstream app;
  Proxy proxy;
  Path rulesDir;

  abstract ProxyKind kind();

  abstract Commands.Result checkShippedConfig(InetSocketAddress authgate, InetSocketAddress app);

  @BeforeAll
  void startAll() throws IOException {
    rulesDir = Files.createTempDirectory("authgate-proxy-rules");
    Path rules = Files.writeString(rulesDir.resolve("rules.yaml"), RULES);
    authgate =
        TestServer.start(
            Map.of(
                "AUTH_LOGIN_URL", LOGIN_URL,
                "AUTH_RULES_FILE", rules.toString(),
                "AUTH_JWT_SECRET", SECRET,
                "AUTH_JWT_ISSUER", SECRET_ISSUER));
    app = Upstream.start();
    proxy = kind().start(address(authgate), app.address());
  }

  @AfterAll
  void stopAll() {
    if (proxy != null) {
      proxy.close();
    }
    app.close();
    authgate.close();
    TempDirs.delete(rulesDir);
  }

  @BeforeEach
  void forgetEarlierRequests() {
    app.clear();
  }

  static InetSocketAddress address(TestServer server) {
    return new InetSocketAddress("127.0.0.1", server.service().port());
  }

  @Test
  void shippedConfigurationPassesTheProxysOwnCheck() {
    Commands.Result check = checkShippedConfig(address(authgate), app.address());

    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void aGoodTokenReachesTheAppWithTheCallersIdentity() {
    String token = token("a@example.com", List.of("admin", "dev"), List.of("docs:read"));

    HttpResponse<String> r = send("/page", b -> b.header("Authorization", "Bearer " + token));

    assertThat(r.statusCode()).as(proxy.output()).isEqualTo(200);
    RecordedRequest seen = app.single();
    assertThat(seen.header("X-User-Id")).hasValue("user-1");
    assertThat(seen.header("X-User-Email")).hasValue("a@example.com");
    assertThat(seen.header("X-User-Roles")).hasValue("admin,dev");
    assertThat(seen.header("X-User-Permissions")).hasValue("docs:read");
    assertThat(r.body()).contains("X-User-Id: user-1");
  }

  @Test
  void aForgedIdentityIsReplacedByTheTokens() {
    String token = token("a@example.com", List.of("dev"), List.of("docs:read"));

    HttpResponse<String> r =
        send("/page", b -> forged(b).header("Authorization", "Bearer " + token));

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest seen = app.single();
    assertThat(seen.headers().get("X-User-Id")).containsExactly("user-1");
    assertThat(seen.headers().get("X-User-Email")).containsExactly("a@example.com");
    assertThat(seen.headers().get("X-User-Roles")).containsExactly("dev");
    assertThat(seen.headers().get("X-User-Permissions")).containsExactly("docs:read");
    assertThat(seen.headers()).doesNotContainKey("X-User-Name");
  }

  @Test
  void aForgedIdentityWithoutATokenNeverReachesTheApp() {
    HttpResponse<String> r = send("/page", this::forged);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void identityHeadersTheTokenLeavesOutAreDroppedNotPassedThrough() {
    String token = token(null, List.of(), List.of());

    HttpResponse<String> r =
        send("/page", b -> forged(b).header("Authorization", "Bearer " + token));

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest seen = app.single();
    assertThat(seen.headers().get("X-User-Id")).containsExactly("user-1");
    assertThat(seen.headers())
        .doesNotContainKeys(
            IDENTITY.stream().filter(h -> !h.equals("X-User-Id")).toArray(String[]::new));
  }

  @Test
  void theNameFromAnotherIssuersTokenReachesTheApp() {
    String token =
        JWT.create()
            .withIssuer(SECRET_ISSUER)
            .withSubject("legacy-7")
            .withClaim("name", "Ada Lovelace")
            .withExpiresAt(Instant.now().plusSeconds(120))
            .sign(Algorithm.HMAC256(SECRET));

    HttpResponse<String> r =
        send("/page", b -> forged(b).header("Authorization", "Bearer " + token));

    assertThat(r.statusCode()).as(proxy.output()).isEqualTo(200);
    RecordedRequest seen = app.single();
    assertThat(seen.headers().get("X-User-Id")).containsExactly("legacy-7");
    assertThat(seen.headers().get("X-User-Name")).containsExactly("Ada Lovelace");
  }

  @Test
  void aCallerAnAccessRuleRefusesGets403WithTheReason() {
    String token = token("a@example.com", List.of("dev"), List.of());
    UnaryOperator<HttpRequest.Builder> client =
        b -> b.header("Authorization", "Bearer " + token).header("Accept", "application/json");

    HttpResponse<String> viaProxy = send("/admin/users", client);
    HttpResponse<String> direct =
        authgate.send(
            "/verify",
            b ->
                client
                    .apply(b)
                    .header("X-Forwarded-Host", "127.0.0.1:" + proxy.port())
                    .header("X-Forwarded-Uri", "/admin/users")
                    .header("X-Forwarded-Method", "GET"));

    assertThat(direct.statusCode()).isEqualTo(403);
    assertThat(viaProxy.statusCode()).as(proxy.output()).isEqualTo(403);
    assertThat(viaProxy.body()).isEqualTo(direct.body()).contains("admin");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void aClientCannotChooseTheRequestAuthgateJudges() {
    HttpResponse<String> r =
        send(
            "/admin/users",
            b ->
                b.header("X-Forwarded-Uri", "/public")
                    .header("X-Forwarded-Method", "GET")
                    .header("X-Forwarded-Host", "public.example.test")
                    .header("X-Original-URI", "/public")
                    .header("X-Original-URL", "http://public.example.test/public")
                    .header("X-Original-Method", "GET"));

    assertThat(r.statusCode()).as(proxy.output()).isEqualTo(401);
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void aPublicPathReachesTheAppWithoutACredential() {
    HttpResponse<String> r = send("/public/page", b -> forged(b));

    assertThat(r.statusCode()).as(proxy.output()).isEqualTo(200);
    assertThat(app.single().headers()).doesNotContainKeys(IDENTITY.toArray(String[]::new));
  }

  @Test
  void underscoreSpellingsOfIdentityHeadersNeverReachTheApp() {
    String token = token("a@example.com", List.of("dev"), List.of());

    HttpResponse<String> r =
        send(
            "/page",
            b ->
                b.header("Authorization", "Bearer " + token)
                    .header("X_User_Id", "admin")
                    .header("x_user_roles", "superuser")
                    .header("X_USER_EMAIL", "boss@example.com"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(app.single().headers().keySet())
        .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x_user"));
  }

  @Test
  void aBadTokenIsRefusedAndTheClientLearnsWhy() {
    String refresh =
        authgate.service().tokens().refresh("user-1", "s1", Duration.ofHours(1)).token();

    HttpResponse<String> r = send("/page", b -> b.header("Authorization", "Bearer " + refresh));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"invalid_token\","
                + " error_description=\"refresh token used as an access token\"");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void aRequestWithoutCredentialIsRefusedWithABareBearerChallenge() {
    HttpResponse<String> r = send("/page", b -> b);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void theSessionCookieIsACredentialToo() {
    String token = token("a@example.com", List.of(), List.of());

    HttpResponse<String> r =
        send("/page", b -> b.header("Cookie", "theme=dark; authgate_session=" + token));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(app.single().header("X-User-Id")).hasValue("user-1");
  }

  @Test
  void aRefusedBrowserIsSentToTheLoginPageWithTheOriginalAddress() {
    HttpResponse<String> r = send("/docs/page?x=1&y=2", this::browser);

    String original = "http://127.0.0.1:" + proxy.port() + "/docs/page?x=1&y=2";
    assertThat(r.statusCode()).as(proxy.output()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValue(LOGIN_URL + "?rd=" + URLEncoder.encode(original, StandardCharsets.UTF_8));
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void aRefusedApiClientGetsAuthgatesWholeAnswer() {
    String target = "/api/items?x=1";
    UnaryOperator<HttpRequest.Builder> client =
        b -> b.header("Accept", "application/json").header("Authorization", "Bearer not.a.token");

    HttpResponse<String> viaProxy = send(target, client);
    HttpResponse<String> direct = authgate.send("/verify", b -> client.apply(b).GET());

    assertThat(viaProxy.statusCode()).as(proxy.output()).isEqualTo(401);
    assertThat(viaProxy.headers().firstValue("WWW-Authenticate"))
        .isEqualTo(direct.headers().firstValue("WWW-Authenticate"));
    assertThat(viaProxy.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    assertThat(viaProxy.body()).isEqualTo(direct.body());
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void thePathMethodAndBodyReachTheAppUnchanged() {
    String token = token("a@example.com", List.of(), List.of());

    HttpResponse<String> r =
        send(
            "/api/items?x=1&y=%2F",
            b ->
                b.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"widget\"}")));

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest seen = app.single();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.uri()).isEqualTo("/api/items?x=1&y=%2F");
    assertThat(seen.body()).isEqualTo("{\"name\":\"widget\"}");
  }

  @Test
  void aRefusedRequestWithABodyIsAnsweredAtOnce() {
    HttpResponse<String> r =
        send(
            "/api/items",
            b ->
                b.header("Authorization", "Bearer not.a.token")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"widget\"}")));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .get()
        .asString()
        .startsWith("Bearer error=\"invalid_token\", error_description=\"malformed token");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void authgatesOwnPagesAreReachedWithoutACheck() {
    HttpResponse<String> r = send("/auth/no-such-endpoint", b -> b);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"error\"");
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void authgatesKeysArePublishedWithoutACheck() {
    HttpResponse<String> r = send("/.well-known/jwks.json", b -> b);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(authgate.get("/.well-known/jwks.json").body());
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void tellsTheVerifierWhereTheRequestWasGoing() {
    try (Upstream verifier = Upstream.start();
        Proxy recording = kind().start(verifier.address(), app.address())) {
      String target = "/docs/page?x=1";
      HttpResponse<String> r =
          TestServer.send(
              recording.uri(target),
              b ->
                  b.header("Authorization", "Bearer abc.def.ghi")
                      .POST(HttpRequest.BodyPublishers.ofString("payload")));

      assertThat(r.statusCode()).as(recording.output()).isEqualTo(200);
      RecordedRequest asked = verifier.single();
      assertThat(asked.method()).isEqualTo("GET");
      assertThat(asked.uri()).isEqualTo("/verify");
      assertThat(asked.body()).isEmpty();
      assertThat(asked.header("Authorization")).hasValue("Bearer abc.def.ghi");
      assertThat(asked.header("X-Forwarded-Method")).hasValue("POST");
      assertThat(asked.header("X-Forwarded-Uri")).hasValue(target);
      assertThat(asked.header("X-Forwarded-Host")).hasValue("127.0.0.1:" + recording.port());
      assertThat(asked.header("X-Forwarded-Proto")).hasValue("http");
      assertVerifierAlsoHeard(asked, recording, target);
    }
  }

  /** Headers one proxy's convention adds to what it tells /verify. */
  void assertVerifierAlsoHeard(RecordedRequest asked, Proxy recording, String target) {}

  private String token(String email, List<String> roles, List<String> permissions) {
    return authgate.service().tokens().access("user-1", email, roles, permissions, null).token();
  }

  private HttpRequest.Builder forged(HttpRequest.Builder b) {
    for (String header : IDENTITY) {
      b.header(header, "forged-" + header);
    }
    return b;
  }

  private HttpRequest.Builder browser(HttpRequest.Builder b) {
    return b.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  }

  private HttpResponse<String> send(String path, UnaryOperator<HttpRequest.Builder> request) {
    return TestServer.send(proxy.uri(path), request);
  }
}
