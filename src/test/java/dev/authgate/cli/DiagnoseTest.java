package dev.authgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.config.Settings;
import dev.authgate.config.SettingsLoader;
import dev.authgate.support.Claims;
import dev.authgate.support.Jws;
import dev.authgate.support.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authgate diagnose}: what it prints, and its exit codes 0 (pass), 1 (refused), 2 (usage).
 */
class DiagnoseTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final String ISSUER = "http://authgate.test";
  static final String KID = TestKeys.read("a.pkcs8.pem").kid();

  @TempDir Path keys;
  Settings settings;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void keys() {
    TestKeys.copy(keys, "a.pkcs8.pem");
    settings = SettingsLoader.load(Map.of("AUTH_KEYS_DIR", keys.toString(), "AUTH_ISSUER", ISSUER));
  }

  private int diagnose(InputStream stdin, String... args) {
    return Diagnose.run(
        args,
        stdin,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        settings,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private int diagnose(String... args) {
    return diagnose(InputStream.nullInputStream(), args);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String sign(ObjectNode header, ObjectNode claims) {
    return Jws.rs256(header.toString(), claims.toString(), TestKeys.privateKey("a.pkcs8.pem"));
  }

  private static String good() {
    return sign(Claims.header(KID), Claims.access(ISSUER, NOW));
  }

  @Test
  void passesAGoodTokenFromTheArgumentsPrintingHeaderAndClaims() {
    assertThat(diagnose(good())).isZero();

    assertThat(printed())
        .contains("\"kid\" : \"" + KID + "\"")
        .contains("\"sub\" : \"user-1\"")
        .contains("exp = 2026-11-26T10:05:00Z")
        .contains("verdict: PASS");
  }

  @Test
  void readsTheTokenFromStdinWithOrWithoutTheBearerWord() {
    byte[] line = ("Bearer " + good() + "\n").getBytes(StandardCharsets.US_ASCII);

    assertThat(diagnose(new ByteArrayInputStream(line))).isZero();
    assertThat(diagnose(new ByteArrayInputStream(line), "-")).isZero();
    assertThat(printed()).contains("verdict: PASS");
  }

  @Test
  void listsEveryReasonAFailingTokenHas() {
    ObjectNode claims =
        Claims.access("https://evil.example", NOW)
            .put("exp", NOW.minusSeconds(312).getEpochSecond())
            .put("type", "refresh");
    claims.remove("sub");

    assertThat(diagnose(sign(Claims.header(KID), claims))).isEqualTo(1);

    assertThat(printed())
        .contains("verdict: REJECT")
        .contains("  - issuer 'https://evil.example' is not trusted [untrusted_issuer]")
        .contains("  - expired 312 s ago [expired]")
        .contains("  - missing required sub claim [missing_sub]")
        .contains("  - refresh token used as an access token [refresh_token]")
        .contains("exp = 2026-11-26T09:54:48Z");
  }

  @Test
  void namesTheKnownKidsWhenTheKidIsUnknown() {
    assertThat(diagnose(sign(Claims.header("2024-old"), Claims.access(ISSUER, NOW)))).isEqualTo(1);

    assertThat(printed())
        .contains("  - unknown kid '2024-old' [unknown_kid]")
        .contains("known kids for " + ISSUER + ": [" + KID + "]");
  }

  @Test
  void saysWhichAlgorithmIsNotAllowed() {
    String token =
        Jws.hs256(
            Claims.header(KID).put("alg", "HS256").toString(),
            Claims.access(ISSUER, NOW).toString(),
            new byte[32]);

    assertThat(diagnose(token)).isEqualTo(1);

    assertThat(printed())
        .contains(
            "algorithm HS256 is not allowed for issuer '"
                + ISSUER
                + "' (allowed: RS256) [algorithm_not_allowed]");
  }

  @Test
  void explainsATokenThatIsNotAJwt() {
    assertThat(diagnose("not-a-token")).isEqualTo(1);

    assertThat(printed())
        .contains("malformed token: a JWT has three dot-separated parts [malformed]");
  }

  @Test
  void exitsWith2OnUsageErrors() {
    assertThat(diagnose()).isEqualTo(2);
    assertThat(diagnose(new ByteArrayInputStream("  \n".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(2);
    assertThat(diagnose(good(), good())).isEqualTo(2);
    assertThat(diagnose("--verbose")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: java -jar authgate.jar diagnose");
    assertThat(printed()).isEmpty();
  }

  @Test
  void printsItsUsageOnHelp() {
    assertThat(diagnose("--help")).isZero();
    assertThat(printed()).startsWith("usage: java -jar authgate.jar diagnose");
  }
}
