package dev.authgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.authgate.support.LogCapture;
import dev.authgate.support.TestClock;
import dev.authgate.support.TestIdentityProvider;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens of other identity providers, against a provider the test serves itself. */
class ExternalIssuersTest {
  TestIdentityProvider idp;

  @BeforeEach
  void startProvider() {
    idp = TestIdentityProvider.start();
  }

  @AfterEach
  void stopProvider() {
    idp.close();
  }

  private TestServer gate(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("AUTH_JWKS_URI", idp.jwksUri());
    env.put("AUTH_JWT_ISSUER", idp.issuer());
    env.putAll(extra);
    return TestServer.start(env);
  }

  private static String reason(HttpResponse<String> r) {
    return r.headers().firstValue("WWW-Authenticate").orElse("");
  }

  @Test
  void acceptsKeycloakShapedTokenThroughDiscovery() throws IOException {
    Path file = Files.createTempFile("issuers", ".yaml");
    Files.writeString(
        file,
        """
        issuers:
          - issuer: %s
            discovery: %s
            audience: account
            claims:
              roles: [realm_access.roles, resource_access.shop.app.roles]
              permissions: [scope]
        """
            .formatted(idp.issuer(), idp.discoveryUrl()));
    try (TestServer server = TestServer.start(Map.of("AUTH_ISSUERS_FILE", file.toString()))) {
      String token =
          idp.token(
              "rsa-1",
              b ->
                  b.withAudience("account")
                      .withClaim("preferred_username", "jdoe")
                      .withClaim("email", "jdoe@example.com")
                      .withClaim("scope", "openid profile orders:read")
                      .withClaim(
                          "realm_access", Map.of("roles", List.of("offline_access", "staff")))
                      .withClaim(
                          "resource_access",
                          Map.of("shop.app", Map.of("roles", List.of("cashier")))));

      HttpResponse<String> r = server.verify(token);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-42");
      assertThat(r.headers().firstValue("X-User-Email")).hasValue("jdoe@example.com");
      assertThat(r.headers().firstValue("X-User-Name")).hasValue("jdoe");
      assertThat(r.headers().firstValue("X-User-Roles")).hasValue("offline_access,staff,cashier");
      assertThat(r.headers().firstValue("X-User-Permissions"))
          .hasValue("openid,profile,orders:read");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void acceptsAuth0ShapedEs256TokenWithNamespacedClaims() throws IOException {
    Path file = Files.createTempFile("issuers", ".yaml");
    Files.writeString(
        file,
        """
        issuers:
          - issuer: %s
            jwks_uri: %s
            audience: https://api.example.com
            claims:
              roles: ["https://api.example.com/roles"]
              permissions: [permissions]
        """
            .formatted(idp.issuer(), idp.jwksUri()));
    try (TestServer server = TestServer.start(Map.of("AUTH_ISSUERS_FILE", file.toString()))) {
      String token =
          idp.token(
              "ec-1",
              b ->
                  b.withAudience("https://api.example.com", "https://tenant.auth0.com/userinfo")
                      .withClaim("name", "Jane Doe")
                      .withClaim("https://api.example.com/roles", List.of("editor"))
                      .withClaim("permissions", List.of("read:docs", "write:docs")));

      HttpResponse<String> r = server.verify(token);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-User-Name")).hasValue("Jane Doe");
      assertThat(r.headers().firstValue("X-User-Roles")).hasValue("editor");
      assertThat(r.headers().firstValue("X-User-Permissions")).hasValue("read:docs,write:docs");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void readsRolesArrayAndPermissionsArrayByDefault() {
    try (TestServer server = gate(Map.of())) {
      String token =
          idp.token(
              "rsa-1",
              b ->
                  b.withClaim("roles", List.of("admin"))
                      .withClaim("permissions", List.of("docs:*")));

      HttpResponse<String> r = server.verify(token);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-User-Roles")).hasValue("admin");
      assertThat(r.headers().firstValue("X-User-Permissions")).hasValue("docs:*");
    }
  }

  @Test
  void picksUpANewKidWithoutRestart() {
    TestClock clock = new TestClock();
    try (TestServer server =
        TestServer.start(
            Map.of("AUTH_JWKS_URI", idp.jwksUri(), "AUTH_JWT_ISSUER", idp.issuer()), clock)) {
      assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
      idp.publish("rsa-2", TestIdentityProvider.rsaKey());
      clock.advance(java.time.Duration.ofSeconds(11));

      HttpResponse<String> r = server.verify(idp.token("rsa-2", b -> {}));

      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void keepsCachedKeysWhenProviderIsDownAndFailsUnknownKidsFast() {
    try (TestServer server = gate(Map.of("AUTH_JWKS_REFETCH_INTERVAL", "60s"))) {
      String known = idp.token("rsa-1", b -> {});
      assertThat(server.verify(known).statusCode()).isEqualTo(200);
      String unknown = idp.token("gone", TestIdentityProvider.rsaKey(), b -> {});
      idp.close();

      assertThat(server.verify(known).statusCode()).isEqualTo(200);
      long start = System.nanoTime();
      HttpResponse<String> r = server.verify(unknown);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r)).contains("unknown kid 'gone'");
      assertThat(millis).isLessThan(500);
    }
  }

  @Test
  void untrustedIssuerCausesNoFetchAtAll() {
    try (TestServer server = gate(Map.of())) {
      assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
      int before = idp.requests();
      KeyPair attacker = TestIdentityProvider.rsaKey();

      for (int i = 0; i < 20; i++) {
        int n = i;
        HttpResponse<String> r =
            server.verify(
                idp.token("made-up-" + n, attacker, b -> b.withIssuer(idp.jwksUri() + "?n=" + n)));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(reason(r)).contains("is not trusted");
      }

      assertThat(idp.requests()).isEqualTo(before);
    }
  }

  @Test
  void refusesAnAlgorithmTheIssuerIsNotConfiguredFor() throws IOException {
    Path file = Files.createTempFile("issuers", ".yaml");
    Files.writeString(
        file,
        "issuers:\n  - issuer: %s\n    jwks_uri: %s\n    algorithms: [RS256]\n"
            .formatted(idp.issuer(), idp.jwksUri()));
    try (TestServer server = TestServer.start(Map.of("AUTH_ISSUERS_FILE", file.toString()))) {
      HttpResponse<String> r = server.verify(idp.token("ec-1", b -> {}));

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r))
          .contains(
              "algorithm ES256 is not allowed for issuer '%s' (allowed: RS256)"
                  .formatted(idp.issuer()));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void refusesAWrongAudience() {
    try (TestServer server = gate(Map.of("AUTH_JWT_AUDIENCE", "orders"))) {
      HttpResponse<String> r = server.verify(idp.token("rsa-1", b -> b.withAudience("billing")));

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r)).contains("audience mismatch: expected 'orders'");
    }
  }

  @Test
  void aFloodOfMadeUpKidsDoesNotKeepARotatedKeyOut() throws InterruptedException {
    try (TestServer server = gate(Map.of("AUTH_JWKS_REFETCH_INTERVAL", "1s"))) {
      assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
      KeyPair attacker = TestIdentityProvider.rsaKey();
      for (int i = 0; i < 30; i++) {
        assertThat(server.verify(idp.token("fake-" + i, attacker, b -> {})).statusCode())
            .isEqualTo(401);
      }
      idp.publish("rsa-2", TestIdentityProvider.rsaKey());
      String rotated = idp.token("rsa-2", b -> {});

      long deadline = System.nanoTime() + 3_000_000_000L;
      int status = 0;
      while (System.nanoTime() < deadline
          && (status = server.verify(rotated).statusCode()) != 200) {
        server.verify(idp.token("fake-again", attacker, b -> {}));
        Thread.sleep(100);
      }

      assertThat(status).isEqualTo(200);
      assertThat(idp.jwksRequests()).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void stopsTrustingAKeyTheProviderRemovedWithinTheCacheLifetime() throws InterruptedException {
    try (TestServer server =
        gate(Map.of("AUTH_JWKS_CACHE_TTL", "1s", "AUTH_JWKS_REFETCH_INTERVAL", "1s"))) {
      String token = idp.token("rsa-1", b -> {});
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
      idp.withdraw("rsa-1");

      long deadline = System.nanoTime() + 4_000_000_000L;
      int status = 200;
      while (System.nanoTime() < deadline && (status = server.verify(token).statusCode()) == 200) {
        Thread.sleep(200);
      }

      assertThat(status).isEqualTo(401);
    }
  }

  @Test
  void keepsThePreviousKeysWhenTheJwksIsMalformed() throws InterruptedException {
    try (TestServer server =
        gate(Map.of("AUTH_JWKS_CACHE_TTL", "1s", "AUTH_JWKS_REFETCH_INTERVAL", "1s"))) {
      String token = idp.token("rsa-1", b -> {});
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
      int before = idp.jwksRequests();
      idp.serveJwks("{\"keys\": \"not a list\"");

      while (idp.jwksRequests() < before + 2) {
        assertThat(server.verify(token).statusCode()).isEqualTo(200);
        Thread.sleep(200);
      }

      assertThat(server.verify(token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void acceptsTheCurrentAndTheOldSharedSecret() {
    String current = "c".repeat(40);
    String old = "o".repeat(40);
    Map<String, String> env =
        Map.of(
            "AUTH_JWT_SECRET", current,
            "AUTH_JWT_SECRET_OLD", old,
            "AUTH_JWT_ISSUER", "https://legacy.example.com");
    try (TestServer server = TestServer.start(env)) {
      assertThat(server.verify(hs256(current, "https://legacy.example.com")).statusCode())
          .isEqualTo(200);
      assertThat(server.verify(hs256(old, "https://legacy.example.com")).statusCode())
          .isEqualTo(200);
      HttpResponse<String> wrong =
          server.verify(hs256("w".repeat(40), "https://legacy.example.com"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(reason(wrong)).contains("signature matches no known key");
    }
  }

  @Test
  void keepsSecretAndJwksIssuersApartAgainstAlgorithmConfusion() {
    String secret = "s".repeat(40);
    try (TestServer server =
        gate(
            Map.of(
                "AUTH_JWT_SECRET",
                secret,
                "AUTH_JWT_SECRET_ISSUER",
                "https://legacy.example.com"))) {
      assertThat(server.verify(hs256(secret, "https://legacy.example.com")).statusCode())
          .isEqualTo(200);
      assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);

      byte[] publicKeyAsSecret = idp.key("rsa-1").getPublic().getEncoded();
      String confused =
          JWT.create()
              .withKeyId("rsa-1")
              .withIssuer(idp.issuer())
              .withSubject("attacker")
              .withExpiresAt(Instant.now().plusSeconds(60))
              .sign(Algorithm.HMAC256(publicKeyAsSecret));
      HttpResponse<String> hsAtRs = server.verify(confused);
      assertThat(hsAtRs.statusCode()).isEqualTo(401);
      assertThat(reason(hsAtRs)).contains("algorithm HS256 is not allowed for issuer");

      HttpResponse<String> rsAtHs =
          server.verify(idp.token("rsa-1", b -> b.withIssuer("https://legacy.example.com")));
      assertThat(rsAtHs.statusCode()).isEqualTo(401);
      assertThat(reason(rsAtHs))
          .contains("algorithm RS256 is not allowed for issuer 'https://legacy.example.com'");
    }
  }

  @Test
  void refusesATokenWithoutSubject() {
    try (TestServer server = gate(Map.of())) {
      String token =
          JWT.create()
              .withKeyId("rsa-1")
              .withIssuer(idp.issuer())
              .withExpiresAt(Instant.now().plusSeconds(60))
              .sign(TestIdentityProvider.algorithm(idp.key("rsa-1")));

      HttpResponse<String> r = server.verify(token);

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r)).contains("missing required sub claim");
    }
  }

  @Test
  void aHangingProviderHoldsUpNoOtherIssuer() throws Exception {
    try (TestIdentityProvider other = TestIdentityProvider.start()) {
      Path file = Files.createTempFile("issuers", ".yaml");
      Files.writeString(
          file,
          "issuers:\n  - issuer: %s\n    jwks_uri: %s\n  - issuer: %s\n    jwks_uri: %s\n"
              .formatted(idp.issuer(), idp.jwksUri(), other.issuer(), other.jwksUri()));
      try (TestServer server =
          TestServer.start(
              Map.of(
                  "AUTH_ISSUERS_FILE", file.toString(),
                  "AUTH_JWKS_TIMEOUT", "2s",
                  "AUTH_JWKS_REFETCH_INTERVAL", "1s"))) {
        assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
        assertThat(server.verify(other.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
        idp.hang(true);
        Thread.sleep(1100);
        KeyPair unknown = TestIdentityProvider.rsaKey();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> server.verify(idp.token("new-kid", unknown, b -> {})));
        Thread.sleep(300);

        long start = System.nanoTime();
        HttpResponse<String> r = server.verify(other.token("rsa-1", b -> {}));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(millis).isLessThan(500);
        assertThat(waiting.isDone()).isFalse();
        assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode())
            .isEqualTo(401);
      } finally {
        idp.hang(false);
        Files.delete(file);
      }
    }
  }

  @Test
  void refusesADiscoveryDocumentThatNamesAnotherIssuer() throws IOException {
    Path file = Files.createTempFile("issuers", ".yaml");
    Files.writeString(
        file,
        "issuers:\n  - issuer: %s/other\n    discovery: %s\n"
            .formatted(idp.issuer(), idp.discoveryUrl()));
    try (LogCapture log = LogCapture.of("dev.authgate.token.RemoteKeys");
        TestServer server = TestServer.start(Map.of("AUTH_ISSUERS_FILE", file.toString()))) {
      HttpResponse<String> r =
          server.verify(idp.token("rsa-1", b -> b.withIssuer(idp.issuer() + "/other")));

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r)).contains("unknown kid 'rsa-1'");
      assertThat(idp.jwksRequests()).isZero();
      assertThat(log.lines())
          .anySatisfy(
              line ->
                  assertThat(line.getFormattedMessage())
                      .contains("names issuer \"" + idp.issuer() + "\""));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void leavesOutAnEcKeyOffItsCurveAndKeepsTheOthers() {
    java.security.interfaces.ECPublicKey ec =
        (java.security.interfaces.ECPublicKey) idp.key("ec-1").getPublic();
    idp.serveJwks(
        "{\"keys\":[%s,%s]}"
            .formatted(
                TestIdentityProvider.jwk("rsa-1", idp.key("rsa-1")),
                TestIdentityProvider.ecJwk(
                    "ec-1",
                    ec.getW().getAffineX(),
                    ec.getW().getAffineY().add(java.math.BigInteger.ONE))));
    try (TestServer server = gate(Map.of())) {
      assertThat(server.verify(idp.token("rsa-1", b -> {})).statusCode()).isEqualTo(200);
      HttpResponse<String> r = server.verify(idp.token("ec-1", b -> {}));

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(reason(r)).contains("unknown kid 'ec-1'");
    }
  }

  private static String hs256(String secret, String issuer) {
    return JWT.create()
        .withIssuer(issuer)
        .withSubject("legacy-user")
        .withExpiresAt(Instant.now().plusSeconds(60))
        .sign(Algorithm.HMAC256(secret));
  }
}
