package dev.authgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.authgate.keys.KeyDirectory;
import dev.authgate.keys.KeyRing;
import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged tokens, made from a good one with a fixed seed so a failure replays: the
 * verifier answers each with a verdict and never throws, since a throw on the hot path is a 500.
 */
class TokenVerifierFuzzTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final String ISSUER = "http://authgate.test";
  static final java.security.PrivateKey KEY = TestKeys.privateKey("a.pkcs8.pem");
  static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"{}[]:,\\";
  static final String[] JSON_PIECES = {
    "null",
    "0",
    "-1",
    "1e999",
    "\"\"",
    "[]",
    "{}",
    "true",
    "\"none\"",
    "\"RS256\"",
    "\"exp\"",
    "123456789012345678901234567890",
    "\"\\u0000\"",
    "{\"a\":{\"b\":[1,2,{}]}}",
    "1.5",
    "-0"
  };

  @TempDir Path dir;

  private TokenVerifier verifier() throws Exception {
    TestKeys.copy(dir, "a.pkcs8.pem");
    KeyRing ring = new KeyDirectory(dir, Optional.empty()).load();
    TrustedIssuer own =
        new TrustedIssuer(
            ISSUER,
            Set.of("RS256"),
            new LocalKeys(() -> ring),
            Optional.of("api"),
            ClaimMapping.STANDARD,
            true);
    return new TokenVerifier(
        List.of(own), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
  }

  @Test
  void answersEveryDamagedTokenWithoutThrowing() throws Exception {
    TokenVerifier verifier = verifier();
    String kid = TestKeys.read("a.pkcs8.pem").kid();
    String header = Claims.header(kid).toString();
    String payload = Claims.access(ISSUER, NOW).put("aud", "api").toString();
    String good = Jws.rs256(header, payload, KEY);
    assertThat(verifier.verify(good)).isInstanceOf(Verification.Verified.class);
    Random random = new Random(20261126);

    for (int i = 0; i < 1500; i++) {
      String token =
          switch (i % 3) {
            case 0 -> mutateText(good, random);
            case 1 -> signedJson(mutateText(header, random), payload, random);
            default -> signedJson(header, mutateJson(payload, random), random);
          };
      assertThatCode(
              () -> {
                Verification v = verifier.verify(token);
                verifier.verifySessionCookie(token);
                verifier.diagnose(token);
                if (v instanceof Verification.Refused r) {
                  assertThat(r.rejection().description())
                      .matches("[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]+");
                }
              })
          .as("token %d: %s", i, token)
          .doesNotThrowAnyException();
    }
  }

  private static String signedJson(String header, String payload, Random random) {
    return random.nextBoolean()
        ? Jws.rs256(header, payload, KEY)
        : Jws.signingInput(header, payload) + "." + Jws.b64(new byte[random.nextInt(300)]);
  }

  private static String mutateText(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0 -> s.setCharAt(at, c);
        case 1 -> s.insert(at, c);
        default -> s.deleteCharAt(at);
      }
    }
    return s.toString();
  }

  /** Replaces one JSON value of the payload with an odd one, keeping the text mostly JSON. */
  private static String mutateJson(String json, Random random) {
    String piece = JSON_PIECES[random.nextInt(JSON_PIECES.length)];
    String[] members = {"iss", "sub", "exp", "iat", "nbf", "aud", "type", "roles", "email"};
    String member = members[random.nextInt(members.length)];
    String replaced =
        json.replaceFirst(
            "\"" + member + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|-?\\d+)", "\"" + member + "\":" + piece);
    return random.nextInt(5) == 0
        ? new String(
            mutateText(replaced, random).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        : replaced;
  }
}
