package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.KeyedServer;
import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens built to slip past a careless verifier. Each is refused with 401 and the sentence that
 * names what is wrong; none produces a 500.
 */
class AttackTokensTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final String ISSUER = "http://authgate.test";
  static final String NONE = "algorithm none is never accepted";
  static final String HS256 =
      "algorithm HS256 is not allowed for issuer 'http://authgate.test' (allowed: RS256)";
  static final String BAD_SIGNATURE = "signature matches no known key";
  static final String NOT_BASE64URL = "malformed token: a part is not base64url";

  static KeyedServer server;
  static final String kid = KeyedServer.kid();
  static final String good = signed(header(), claims().toString());

  @BeforeAll
  static void start() {
    server = KeyedServer.start(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ObjectNode header() {
    return Claims.header(kid);
  }

  static ObjectNode claims() {
    return Claims.access(ISSUER, NOW);
  }

  static String signed(ObjectNode header, String payloadJson) {
    return KeyedServer.sign(header.toString(), payloadJson);
  }

  static String withHeader(String name, String value) {
    return signed(header().put(name, value), claims().toString());
  }

  static String unsigned(String headerJson, String payloadJson, String signature) {
    return Jws.signingInput(headerJson, payloadJson) + "." + signature;
  }

  static String[] parts(String token) {
    return token.split("\\.", -1);
  }

  static String flipBit(String segment, int bit) {
    byte[] bytes = Base64.getUrlDecoder().decode(segment);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Jws.b64(bytes);
  }

  static Arguments attack(String name, String token, String description) {
    return Arguments.of(name, token, description);
  }

  static Stream<Arguments> attacks() {
    String[] p = parts(good);
    String payload = claims().toString();
    byte[] publicPem = publicPem();
    return Stream.of(
        attack("alg none", unsigned("{\"alg\":\"none\"}", payload, ""), NONE),
        attack("alg None", unsigned("{\"alg\":\"None\"}", payload, ""), NONE),
        attack("alg NONE", unsigned("{\"alg\":\"NONE\"}", payload, ""), NONE),
        attack("alg nOnE", unsigned("{\"alg\":\"nOnE\"}", payload, ""), NONE),
        attack(
            "alg none with the kid and a real signature",
            unsigned(header().put("alg", "none").toString(), payload, p[2]),
            NONE),
        attack(
            "HS256 signed with the published public key (PEM)",
            Jws.hs256(header().put("alg", "HS256").toString(), payload, publicPem),
            HS256),
        attack(
            "HS256 signed with the published public key (DER)",
            Jws.hs256(
                header().put("alg", "HS256").toString(),
                payload,
                TestKeys.read("a.public.pem").publicKey().getEncoded()),
            HS256),
        attack(
            "RS512 is not configured",
            signed(header().put("alg", "RS512"), payload),
            "algorithm RS512 is not allowed for issuer 'http://authgate.test' (allowed: RS256)"),
        attack(
            "alg in lower case",
            signed(header().put("alg", "rs256"), payload),
            "algorithm rs256 is not allowed for issuer 'http://authgate.test' (allowed: RS256)"),
        attack(
            "no alg",
            unsigned("{\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", payload, p[2]),
            "malformed token: the header has no alg"),
        attack(
            "embedded jwk",
            signed(embeddedJwk(), payload),
            "header jwk is not accepted: keys named or carried by a token are never trusted"),
        attack(
            "jku pointing elsewhere",
            withHeader("jku", "https://evil.example/jwks.json"),
            "header jku is not accepted: keys named or carried by a token are never trusted"),
        attack(
            "x5u pointing elsewhere",
            withHeader("x5u", "https://evil.example/cert.pem"),
            "header x5u is not accepted: keys named or carried by a token are never trusted"),
        attack(
            "x5c chain",
            signed(x5c(), payload),
            "header x5c is not accepted: keys named or carried by a token are never trusted"),
        attack(
            "kid with path traversal",
            withHeader("kid", "../../../../etc/passwd"),
            "unknown kid '../../../../etc/passwd'"),
        attack(
            "kid with SQL",
            withHeader("kid", "x' UNION SELECT key FROM keys --"),
            "unknown kid 'x? UNION SELECT key FROM keys --'"),
        attack(
            "kid with a quote, a backslash and a line break",
            withHeader("kid", "a\"b\\c\r\nSet-Cookie: x=1"),
            "unknown kid 'a?b?c??Set-Cookie: x=1'"),
        attack(
            "kid that is not a string",
            signed(header().put("kid", 7), payload),
            "malformed token: the kid is not a string"),
        attack("signature stripped", p[0] + "." + p[1] + ".", BAD_SIGNATURE),
        attack(
            "signature and its dot stripped",
            p[0] + "." + p[1],
            "malformed token: a JWT has three dot-separated parts"),
        attack(
            "signature truncated", p[0] + "." + p[1] + "." + p[2].substring(0, 300), BAD_SIGNATURE),
        attack(
            "one bit of the signature flipped",
            p[0] + "." + p[1] + "." + flipBit(p[2], 77),
            BAD_SIGNATURE),
        attack(
            "one bit of the payload flipped (user-1 becomes user-0)",
            p[0] + "." + Jws.b64(payload.replace("user-1", "user-0")) + "." + p[2],
            BAD_SIGNATURE),
        attack(
            "payload of another token under this signature",
            p[0] + "." + Jws.b64(claims().put("sub", "admin").toString()) + "." + p[2],
            BAD_SIGNATURE),
        attack(
            "standard base64 in the signature",
            p[0] + "." + p[1] + "." + p[2] + "+/==",
            NOT_BASE64URL),
        attack("a space in the header", p[0] + " ." + p[1] + "." + p[2], NOT_BASE64URL),
        attack("percent-encoding in the payload", p[0] + ".%7B%7D." + p[2], NOT_BASE64URL),
        attack(
            "a segment of impossible length",
            p[0] + "." + p[1] + "A." + p[2],
            "malformed token: the payload is not base64url"),
        attack("four parts", good + ".e30", "malformed token: a JWT has three dot-separated parts"),
        attack(
            "header is JSON null",
            unsigned("null", payload, p[2]),
            "malformed token: the header is not a JSON object"),
        attack(
            "header is a number",
            unsigned("42", payload, p[2]),
            "malformed token: the header is not a JSON object"),
        attack(
            "header is an array",
            unsigned("[\"RS256\"]", payload, p[2]),
            "malformed token: the header is not a JSON object"),
        attack(
            "header is not JSON",
            unsigned("{alg:RS256}", payload, p[2]),
            "malformed token: the header is not valid JSON"),
        attack(
            "payload is JSON null",
            signed(header(), "null"),
            "malformed token: the payload is not a JSON object"),
        attack(
            "payload is a number",
            signed(header(), "1700000000"),
            "malformed token: the payload is not a JSON object"),
        attack(
            "payload is an array",
            signed(header(), "[" + payload + "]"),
            "malformed token: the payload is not a JSON object"),
        attack(
            "payload is a string",
            signed(header(), "\"admin\""),
            "malformed token: the payload is not a JSON object"),
        attack(
            "payload followed by a second object",
            signed(header(), payload + "{\"sub\":\"admin\"}"),
            "malformed token: the payload is not valid JSON"),
        attack(
            "duplicate sub claim",
            signed(header(), payload.replace("{", "{\"sub\":\"admin\",")),
            "malformed token: the payload repeats a member"),
        attack(
            "duplicate alg header",
            signed(header(), payload)
                .replaceFirst(
                    "^[^.]+",
                    Jws.b64("{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"" + kid + "\"}")),
            "malformed token: the header repeats a member"),
        attack(
            "exp as a string",
            signed(header(), claims().put("exp", "" + (NOW.getEpochSecond() + 300)).toString()),
            "malformed token: the exp claim is not a number"),
        attack(
            "exp beyond any date",
            signed(header(), claims().put("exp", 1e300).toString()),
            "malformed token: the exp claim is out of range"),
        attack(
            "nbf far before any date",
            signed(header(), claims().put("nbf", -99999999999999999L).toString()),
            "malformed token: the nbf claim is out of range"),
        attack(
            "iat as a huge integer",
            signed(
                header(),
                payload.replaceFirst("\"iat\":\\d+", "\"iat\":123456789012345678901234567890")),
            "malformed token: the iat claim is out of range"),
        attack(
            "JSON nested beyond reason",
            signed(header(), "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}"),
            "malformed token: the payload is not valid JSON"),
        attack(
            "a 100 KB token",
            p[0] + "." + "A".repeat(100_000) + "." + p[2],
            "malformed token: longer than 16384 characters"));
  }

  /** The public key exactly as the published PEM file holds it: the classic HMAC secret. */
  static byte[] publicPem() {
    try {
      return Files.readAllBytes(TestKeys.file("a.public.pem"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectNode embeddedJwk() {
    ObjectNode h = header();
    ObjectNode jwk = h.putObject("jwk");
    jwk.put("kty", "RSA").put("n", "AQAB").put("e", "AQAB");
    return h;
  }

  static ObjectNode x5c() {
    ObjectNode h = header();
    h.putArray("x5c").add("MIIB");
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void refusesTheAttackTokenWith401AndTheReason(String name, String token, String description) {
    HttpResponse<String> r = server.verify(token);

    assertThat(r.statusCode()).as(name).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.startsWith("x-user-"));
  }

  @Test
  void theGoodTokenTheAttacksStartFromPasses() {
    assertThat(server.verify(good).statusCode()).isEqualTo(200);
  }

  @Test
  void readsA100KilobyteAuthorizationHeaderAndRefusesTheToken() {
    HttpResponse<String> r = server.verify("eyJ" + "A".repeat(100 * 1024));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"invalid_token\", error_description=\"malformed token: longer than"
                + " 16384 characters\"");
  }
}
