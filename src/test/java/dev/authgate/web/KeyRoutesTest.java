package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestKeys;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWKS and the OIDC discovery document, as a client library reads them. */
class KeyRoutesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path keys;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    keys =
        TestKeys.copy(
            Files.createTempDirectory("jwks-keys"), "a.pkcs8.pem", "b.pkcs8.pem", "a.public.pem");
    server =
        TestServer.start(
            Map.of("AUTH_KEYS_DIR", keys.toString(), "AUTH_ISSUER", "https://auth.example.com/"));
  }

  @AfterAll
  static void stop() {
    server.close();
    TempDirs.delete(keys);
  }

  @Test
  void publishesEveryPublicKeyWithOnlyPublicMembers() throws IOException {
    HttpResponse<String> r = server.get("/.well-known/jwks.json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    List<JsonNode> jwks = new ArrayList<>();
    JSON.readTree(r.body()).get("keys").forEach(jwks::add);
    assertThat(jwks).hasSize(2);
    for (String fixture : new String[] {"a.pkcs8.pem", "b.pkcs8.pem"}) {
      RSAPublicKey key = TestKeys.read(fixture).publicKey();
      JsonNode jwk =
          jwks.stream()
              .filter(k -> k.get("kid").asText().equals(TestKeys.read(fixture).kid()))
              .findFirst()
              .orElseThrow();
      List<String> members = new ArrayList<>();
      jwk.fieldNames().forEachRemaining(members::add);
      assertThat(members).containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
      assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
      assertThat(jwk.get("use").asText()).isEqualTo("sig");
      assertThat(jwk.get("alg").asText()).isEqualTo("RS256");
      assertThat(unsigned(jwk.get("n").asText())).isEqualTo(key.getModulus());
      assertThat(unsigned(jwk.get("e").asText())).isEqualTo(key.getPublicExponent());
      assertThat(jwk.get("n").asText()).doesNotStartWith("AA");
    }
  }

  @Test
  void letsClientsCacheTheJwksAndRevalidateWithItsEtag() {
    HttpResponse<String> first = server.get("/.well-known/jwks.json");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again =
        server.send("/.well-known/jwks.json", b -> b.header("If-None-Match", etag).GET());
    HttpResponse<String> stale =
        server.send("/.well-known/jwks.json", b -> b.header("If-None-Match", "\"old\"").GET());

    assertThat(first.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).containsPattern("max-age=\\d+"));
    assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(first.body());
  }

  @Test
  void answers304ToAWeakTagOrATagListFromACache() {
    String etag = server.get("/.well-known/jwks.json").headers().firstValue("ETag").orElseThrow();

    for (String ifNoneMatch : new String[] {"W/" + etag, "\"other\", " + etag, "*"}) {
      HttpResponse<String> r =
          server.send("/.well-known/jwks.json", b -> b.header("If-None-Match", ifNoneMatch).GET());

      assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(304);
    }
  }

  @Test
  void describesItselfForOidcLibraries() throws IOException {
    HttpResponse<String> r = server.get("/.well-known/openid-configuration");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.get("issuer").asText()).isEqualTo("https://auth.example.com/");
    assertThat(doc.get("jwks_uri").asText())
        .isEqualTo("https://auth.example.com/.well-known/jwks.json");
    assertThat(doc.get("id_token_signing_alg_values_supported").get(0).asText()).isEqualTo("RS256");
  }

  private static BigInteger unsigned(String base64Url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
  }
}
