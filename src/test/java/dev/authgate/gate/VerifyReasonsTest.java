package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.KeyedServer;
import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way /verify accepts a token and every reason it refuses one, with the exact sentence a
 * caller reads in {@code WWW-Authenticate}. The server runs on a fixed clock so times are exact.
 */
class VerifyReasonsTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final String ISSUER = "http://authgate.test";

  static KeyedServer server;
  static KeyedServer strict;
  static final String kid = KeyedServer.kid();

  @BeforeAll
  static void start() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    server = KeyedServer.start(Map.of(), clock);
    strict =
        KeyedServer.start(
            Map.of("AUTH_AUDIENCE", "api", "AUTH_COOKIE_NAME", "sso", "AUTH_CLOCK_SKEW", "5s"),
            clock);
  }

  @AfterAll
  static void stop() {
    server.close();
    strict.close();
  }

  static ObjectNode claims() {
    return Claims.access(ISSUER, NOW);
  }

  static String sign(ObjectNode claims) {
    return KeyedServer.sign(Claims.header(kid).toString(), claims.toString());
  }

  static void assertRefused(KeyedServer on, String token, String code, String description) {
    HttpResponse<String> r = on.verify(token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(r.body()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("error", "invalid_token", "message", description, "reason", code));
    assertThat(r.headers().firstValue("X-User-Id")).isEmpty();
  }

  static Map<String, Object> json(String body) {
    try {
      return new ObjectMapper().readValue(body, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static void assertRefused(String token, String code, String description) {
    assertRefused(server, token, code, description);
  }

  static void assertAccepted(KeyedServer on, String token) {
    HttpResponse<String> r = on.verify(token);
    assertThat(r.statusCode()).as(r.headers().toString()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
  }

  @Test
  void acceptsAGoodTokenAndAnswersEveryIdentityHeaderWithoutABody() {
    HttpResponse<String> r = server.verify(sign(claims()));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
    assertThat(r.headers().firstValue("X-User-Email")).hasValue("a@example.com");
    assertThat(r.headers().firstValue("X-User-Roles")).hasValue("admin,dev");
    assertThat(r.headers().firstValue("X-User-Permissions")).hasValue("docs:read");
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void leavesOutIdentityHeadersThatWouldBeEmpty() {
    ObjectNode c = claims();
    c.remove("email");
    c.putArray("roles");
    c.remove("permissions");

    HttpResponse<String> r = server.verify(sign(c));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
    assertThat(r.headers().map())
        .doesNotContainKeys("x-user-email", "x-user-roles", "x-user-permissions");
  }

  @Test
  void acceptsABareTokenWithoutTheWordBearer() {
    HttpResponse<String> r =
        server.send("/verify", b -> b.header("Authorization", sign(claims())).GET());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
  }

  @Test
  void acceptsTheBearerSchemeInAnyCase() {
    HttpResponse<String> r =
        server.send("/verify", b -> b.header("Authorization", "bearer " + sign(claims())).GET());

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void acceptsTheTokenFromTheDefaultSessionCookie() {
    HttpResponse<String> r =
        server.send(
            "/verify",
            b -> b.header("Cookie", "theme=dark; authgate_session=" + sign(claims())).GET());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
  }

  @Test
  void readsTheSessionCookieNamedByAuthCookieName() {
    ObjectNode c = claims().put("aud", "api");
    HttpResponse<String> named =
        strict.send("/verify", b -> b.header("Cookie", "sso=" + sign(c)).GET());
    HttpResponse<String> defaultName =
        strict.send("/verify", b -> b.header("Cookie", "authgate_session=" + sign(c)).GET());

    assertThat(named.statusCode()).isEqualTo(200);
    assertThat(defaultName.statusCode()).isEqualTo(401);
    assertThat(defaultName.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void prefersTheAuthorizationHeaderOverTheCookie() {
    HttpResponse<String> r =
        server.send(
            "/verify",
            b ->
                b.header("Authorization", "Bearer " + sign(claims()))
                    .header("Cookie", "authgate_session=garbage")
                    .GET());

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void answersEveryMethodAProxyMayForward() {
    String token = "Bearer " + sign(claims());
    for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
      HttpResponse<String> r =
          server.send(
              "/verify",
              b ->
                  b.header("Authorization", token)
                      .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertThat(r.statusCode()).as(method).isEqualTo(200);
    }
  }

  @Test
  void refusesARequestWithoutCredentialWithAChallengeWithoutErrorCode() {
    for (String authorization : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer   "}) {
      HttpResponse<String> r =
          server.send("/verify", b -> b.header("Authorization", authorization).GET());

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
      assertThat(r.body()).contains("\"error\":\"unauthorized\"");
    }
  }

  @Test
  void refusesATokenWithoutExp() {
    ObjectNode c = claims();
    c.remove("exp");

    assertRefused(sign(c), "missing_exp", "missing required exp claim");
  }

  @Test
  void refusesAnExpiredTokenSayingHowLongAgo() {
    assertRefused(
        sign(claims().put("exp", NOW.minusSeconds(312).getEpochSecond())),
        "expired",
        "expired 312 s ago");
  }

  @Test
  void acceptsATokenExpiredWithinTheClockSkewAndRefusesOneSecondMore() {
    assertAccepted(server, sign(claims().put("exp", NOW.minusSeconds(30).getEpochSecond())));
    assertRefused(
        sign(claims().put("exp", NOW.minusSeconds(31).getEpochSecond())),
        "expired",
        "expired 31 s ago");
  }

  @Test
  void appliesTheConfiguredClockSkew() {
    ObjectNode c = claims().put("aud", "api");
    assertAccepted(strict, sign(c.deepCopy().put("exp", NOW.minusSeconds(5).getEpochSecond())));
    assertRefused(
        strict,
        sign(c.deepCopy().put("exp", NOW.minusSeconds(6).getEpochSecond())),
        "expired",
        "expired 6 s ago");
  }

  @Test
  void refusesATokenNotYetValidBeyondTheSkew() {
    assertAccepted(server, sign(claims().put("nbf", NOW.plusSeconds(30).getEpochSecond())));
    assertRefused(
        sign(claims().put("nbf", NOW.plusSeconds(31).getEpochSecond())),
        "not_yet_valid",
        "not valid before 2026-11-26T10:00:31Z");
  }

  @Test
  void refusesATokenIssuedInTheFutureBeyondTheSkew() {
    assertAccepted(server, sign(claims().put("iat", NOW.plusSeconds(30).getEpochSecond())));
    assertRefused(
        sign(claims().put("iat", NOW.plusSeconds(90).getEpochSecond())),
        "issued_in_future",
        "issued in the future (iat 2026-11-26T10:01:30Z); check the clocks");
  }

  @Test
  void refusesAnUntrustedIssuer() {
    assertRefused(
        sign(claims().put("iss", "https://evil.example")),
        "untrusted_issuer",
        "issuer 'https://evil.example' is not trusted");
  }

  @Test
  void refusesATokenWithoutIssuer() {
    ObjectNode c = claims();
    c.remove("iss");

    assertRefused(sign(c), "untrusted_issuer", "missing required iss claim");
  }

  @Test
  void requiresTheConfiguredAudience() {
    ObjectNode c = claims();
    assertRefused(strict, sign(c), "audience_mismatch", "audience mismatch: expected 'api'");
    assertRefused(
        strict,
        sign(c.deepCopy().put("aud", "other")),
        "audience_mismatch",
        "audience mismatch: expected 'api'");
    assertAccepted(strict, sign(c.deepCopy().put("aud", "api")));
    ObjectNode list = c.deepCopy();
    list.putArray("aud").add("other").add("api");
    assertAccepted(strict, sign(list));
  }

  @Test
  void ignoresTheAudienceWhenNoneIsConfigured() {
    assertAccepted(server, sign(claims().put("aud", "anything")));
  }

  @Test
  void refusesATokenWithoutANonEmptyStringSub() {
    ObjectNode missing = claims();
    missing.remove("sub");
    assertRefused(sign(missing), "missing_sub", "missing required sub claim");
    assertRefused(sign(claims().put("sub", "  ")), "missing_sub", "missing required sub claim");
    assertRefused(sign(claims().put("sub", 42)), "missing_sub", "missing required sub claim");
  }

  @Test
  void refusesARefreshTokenUsedAsAnAccessToken() {
    assertRefused(
        sign(claims().put("type", "refresh")),
        "refresh_token",
        "refresh token used as an access token");
  }

  @Test
  void refusesATokenOfAnotherType() {
    assertRefused(
        sign(claims().put("type", "id")), "not_access_token", "not an access token (type 'id')");
  }

  @Test
  void refusesACriticalHeaderExtensionItDoesNotUnderstand() {
    ObjectNode header = Claims.header(kid);
    header.putArray("crit").add("exp");
    header.put("exp", 1);

    assertRefused(
        KeyedServer.sign(header.toString(), claims().toString()),
        "unsupported_crit",
        "critical header extension [exp] is not understood");
  }

  @Test
  void refusesAnUnknownKid() {
    assertRefused(
        KeyedServer.sign(Claims.header("2024-old").toString(), claims().toString()),
        "unknown_kid",
        "unknown kid '2024-old'");
  }

  @Test
  void refusesATokenSignedByAKeyNotInTheRing() {
    PrivateKey other = TestKeys.privateKey("b.pkcs8.pem");

    assertRefused(
        Jws.rs256(Claims.header(kid).toString(), claims().toString(), other),
        "bad_signature",
        "signature matches no known key");
  }

  @Test
  void refusesATokenWithoutKidSignedByAnotherKey() {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    assertAccepted(server, KeyedServer.sign(header, claims().toString()));
    assertRefused(
        Jws.rs256(header, claims().toString(), TestKeys.privateKey("b.pkcs8.pem")),
        "bad_signature",
        "signature matches no known key");
  }

  @Test
  void refusesTheSessionCookieSentTwiceWithDifferentValues() {
    HttpResponse<String> r =
        server.send(
            "/verify",
            b ->
                b.header(
                        "Cookie",
                        "authgate_session=" + sign(claims()) + "; authgate_session=other.a.b")
                    .GET());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"invalid_token\", error_description=\"the cookie authgate_session was"
                + " sent more than once with different values\"");
  }

  @Test
  void neverEchoesIdentityHeadersTheClientSent() {
    HttpResponse<String> refused =
        server.send(
            "/verify",
            b ->
                b.header("X-User-Id", "admin")
                    .header("X-User-Email", "boss@example.com")
                    .header("X-User-Roles", "admin")
                    .header("X-User-Permissions", "*")
                    .GET());
    ObjectNode c = claims();
    c.remove("email");
    c.remove("roles");
    c.remove("permissions");
    HttpResponse<String> accepted =
        server.send(
            "/verify",
            b ->
                b.header("Authorization", "Bearer " + sign(c))
                    .header("X-User-Id", "admin")
                    .header("X-User-Email", "boss@example.com")
                    .header("X-User-Roles", "admin")
                    .header("X-User-Permissions", "*")
                    .GET());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().map().keySet()).noneMatch(h -> h.startsWith("x-user-"));
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.headers().allValues("X-User-Id")).containsExactly("user-1");
    assertThat(accepted.headers().map())
        .doesNotContainKeys("x-user-email", "x-user-roles", "x-user-permissions");
  }
}
