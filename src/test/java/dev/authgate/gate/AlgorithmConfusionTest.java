package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.KeyedServer;
import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an RS256 issuer (authgate's own keys) and an HS256 issuer (a shared secret) trusted side by
 * side, each issuer accepts only its own algorithm: the published RSA key is never an HMAC secret,
 * and the secret's issuer never accepts an RSA signature.
 */
class AlgorithmConfusionTest {
  static final String OWN = "http://authgate.test";
  static final String SHARED = "https://legacy.example.com";
  static final byte[] SECRET =
      "a-shared-secret-of-more-than-32-bytes!!".getBytes(StandardCharsets.US_ASCII);

  static KeyedServer server;
  static final String kid = KeyedServer.kid();

  @BeforeAll
  static void start() {
    server =
        KeyedServer.start(
            Map.of(
                "AUTH_JWT_SECRET",
                new String(SECRET, StandardCharsets.US_ASCII),
                "AUTH_JWT_ISSUER",
                SHARED));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String hs256(String issuer, byte[] secret) {
    ObjectNode header = Claims.header(kid).put("alg", "HS256");
    return Jws.hs256(header.toString(), Claims.access(issuer, Instant.now()).toString(), secret);
  }

  static String describedAs(HttpResponse<String> r) {
    return r.headers().firstValue("WWW-Authenticate").orElse("");
  }

  @Test
  void bothIssuersAcceptTheirOwnTokens() {
    String own =
        KeyedServer.sign(
            Claims.header(kid).toString(), Claims.access(OWN, Instant.now()).toString());

    assertThat(server.verify(own).statusCode()).isEqualTo(200);
    assertThat(server.verify(hs256(SHARED, SECRET)).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnHs256TokenInTheNameOfTheRsaIssuer() throws IOException {
    byte[] publicPem = Files.readAllBytes(TestKeys.file("a.public.pem"));

    HttpResponse<String> r = server.verify(hs256(OWN, publicPem));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(describedAs(r))
        .contains("algorithm HS256 is not allowed for issuer 'http://authgate.test'");
  }

  @Test
  void refusesTheSharedSecretsIssuerSignedWithThePublishedRsaKey() throws IOException {
    byte[] publicPem = Files.readAllBytes(TestKeys.file("a.public.pem"));

    HttpResponse<String> r = server.verify(hs256(SHARED, publicPem));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(describedAs(r)).contains("signature matches no known key");
  }

  @Test
  void refusesAnRsaSignatureInTheNameOfTheSharedSecretsIssuer() {
    String token =
        KeyedServer.sign(
            Claims.header(kid).toString(), Claims.access(SHARED, Instant.now()).toString());

    HttpResponse<String> r = server.verify(token);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(describedAs(r))
        .contains("algorithm RS256 is not allowed for issuer '" + SHARED + "' (allowed: HS256)");
  }
}
