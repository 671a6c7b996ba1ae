package dev.authgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings issue 2 names: defaults, the duration forms, aliases, and one clear line for each
 * invalid value that names the variable and shows a value that works, never a secret.
 */
class SettingsLoaderTest {

  static String problem(Map<String, String> env) {
    try {
      SettingsLoader.load(env);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected " + env + " to be refused");
  }

  @Test
  void runsOnEmbeddedDefaultsWithNothingSet() {
    Settings s = SettingsLoader.load(Map.of());

    assertThat(s.server().host()).isEqualTo("0.0.0.0");
    assertThat(s.server().port()).isEqualTo(8080);
    assertThat(s.server().production()).isFalse();
    assertThat(s.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(s.keys().dir()).isEmpty();
    assertThat(s.keys().signingKey()).isEmpty();
    assertThat(s.tokens().issuer()).isEqualTo("http://localhost:8080");
    assertThat(s.tokens().audience()).isEmpty();
    assertThat(s.tokens().accessTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.tokens().refreshTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(s.tokens().clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.external().devHeaders()).isFalse();
    assertThat(s.browser().cookieName()).isEqualTo("authgate_session");
  }

  @Test
  void derivesTheDefaultIssuerFromThePort() {
    assertThat(SettingsLoader.load(Map.of("AUTH_PORT", "9000")).tokens().issuer())
        .isEqualTo("http://localhost:9000");
  }

  @ParameterizedTest
  @CsvSource({"900,900", "30s,30", "15m,900", "1h,3600", "7d,604800", " 2H ,7200"})
  void readsDurationsAsSecondsOrWithAUnit(String text, long seconds) {
    assertThat(SettingsLoader.load(Map.of("AUTH_ACCESS_TOKEN_TTL", text)).tokens().accessTtl())
        .isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void allowsAClockSkewOfZero() {
    assertThat(SettingsLoader.load(Map.of("AUTH_CLOCK_SKEW", "0")).tokens().clockSkew()).isZero();
  }

  @Test
  void acceptsTheLegacyAliases() {
    Settings s =
        SettingsLoader.load(
            Map.of(
                "PORT", "9100",
                "JWT_EXPIRES_IN", "1h",
                "REFRESH_TOKEN_TTL", "30d",
                "DEVELOPMENT_AUTH_ENABLED", "true",
                "BCRYPT_ROUNDS", "12"));

    assertThat(s.server().port()).isEqualTo(9100);
    assertThat(s.tokens().accessTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(s.tokens().refreshTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(s.external().devHeaders()).isTrue();
    assertThat(s.accounts().bcryptRounds()).isEqualTo(12);
  }

  @Test
  void acceptsANameAndItsAliasSetToTheSameValue() {
    assertThat(SettingsLoader.load(Map.of("AUTH_PORT", "9000", "PORT", "9000")).server().port())
        .isEqualTo(9000);
  }

  @ParameterizedTest
  @CsvSource({
    "AUTH_PORT, PORT, 9000, 9001",
    "AUTH_ACCESS_TOKEN_TTL, ACCESS_TOKEN_TTL, 5m, 10m",
    "AUTH_ACCESS_TOKEN_TTL, JWT_EXPIRES_IN, 5m, 300",
    "AUTH_REFRESH_TOKEN_TTL, JWT_REFRESH_EXPIRES_IN, 7d, 30d",
    "AUTH_DEV_HEADERS, DEVELOPMENT_AUTH_ENABLED, true, false",
    "AUTH_BCRYPT_ROUNDS, BCRYPT_ROUNDS, 10, 12"
  })
  void refusesANameAndItsAliasSetToDifferentValues(
      String name, String alias, String value, String aliasValue) {
    String message = problem(Map.of(name, value, alias, aliasValue));

    assertThat(message)
        .isEqualTo(
            name
                + " and "
                + alias
                + " are both set, to different values: they are one setting; keep only "
                + name);
  }

  @Test
  void refusesTwoAliasesOfOneSettingThatDisagree() {
    assertThat(problem(Map.of("ACCESS_TOKEN_TTL", "5m", "JWT_EXPIRES_IN", "10m")))
        .contains("ACCESS_TOKEN_TTL and JWT_EXPIRES_IN are both set, to different values")
        .contains("keep only AUTH_ACCESS_TOKEN_TTL");
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        invalid(
            "AUTH_PORT",
            "70000",
            "AUTH_PORT=70000 is out of range: use a whole number from 0 to 65535, for example"
                + " AUTH_PORT=8080"),
        invalid("AUTH_PORT", "-1", "AUTH_PORT=-1 is out of range"),
        invalid(
            "AUTH_PORT",
            "http",
            "AUTH_PORT=\"http\" is not a whole number: for example AUTH_PORT=8080"),
        invalid("PORT", "99999", "AUTH_PORT=99999 is out of range"),
        invalid(
            "AUTH_ACCESS_TOKEN_TTL",
            "0",
            "AUTH_ACCESS_TOKEN_TTL=0 would make every token expire at once: use a positive"
                + " duration, for example AUTH_ACCESS_TOKEN_TTL=15m"),
        invalid("AUTH_ACCESS_TOKEN_TTL", "0m", "AUTH_ACCESS_TOKEN_TTL=0 would make every token"),
        invalid(
            "AUTH_REFRESH_TOKEN_TTL",
            "0s",
            "AUTH_REFRESH_TOKEN_TTL=0 would make every token expire at once: use a positive"
                + " duration, for example AUTH_REFRESH_TOKEN_TTL=7d"),
        invalid(
            "AUTH_ACCESS_TOKEN_TTL",
            "15 minutes",
            "AUTH_ACCESS_TOKEN_TTL=\"15 minutes\" is not a duration: write seconds (900) or 30s,"
                + " 15m, 1h, 7d, for example AUTH_ACCESS_TOKEN_TTL=15m"),
        invalid("AUTH_CLOCK_SKEW", "-5s", "AUTH_CLOCK_SKEW=\"-5s\" is not a duration"),
        invalid(
            "LOG_LEVEL",
            "LOUD",
            "LOG_LEVEL=\"LOUD\" is not one of TRACE, DEBUG, INFO, WARN, ERROR: for example"
                + " LOG_LEVEL=INFO"),
        invalid(
            "AUTH_DEV_HEADERS",
            "maybe",
            "AUTH_DEV_HEADERS=\"maybe\" is not a boolean: use true or false, for example"
                + " AUTH_DEV_HEADERS=false"),
        invalid("AUTH_JWKS_URI", "ftp://idp", "AUTH_JWKS_URI=\"ftp://idp\" is not an http(s) URL"),
        invalid("AUTH_COOKIE_NAME", "a b", "AUTH_COOKIE_NAME=\"a b\" is not a valid cookie name"),
        invalid(
            "AUTH_BCRYPT_ROUNDS",
            "3",
            "AUTH_BCRYPT_ROUNDS=3 is out of range: use a whole number from 4 to 31"));
  }

  static Arguments invalid(String name, String value, String line) {
    return Arguments.of(name, value, line);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("invalidValues")
  void refusesAnInvalidValueWithOneLineNamingTheVariableAndAnExample(
      String name, String value, String line) {
    String message = problem(Map.of(name, value));

    assertThat(message).doesNotContain("\n").startsWith(line);
    assertThat(message).containsPattern("for example [A-Z_]+=|e\\.g\\. ");
  }

  @Test
  void refusesAShortHsSecretByLengthWithoutShowingIt() {
    String secret = "hunter2-but-longer";

    String message =
        problem(Map.of("AUTH_JWT_SECRET", secret, "AUTH_JWT_ISSUER", "https://idp.example.com"));

    assertThat(message).doesNotContain("\n").startsWith("AUTH_JWT_SECRET");
    assertThat(message).contains("32 bytes").contains("openssl rand");
    assertThat(message).doesNotContain(secret);
  }

  @Test
  void reportsEveryProblemTogetherOneLineEach() {
    String message =
        problem(Map.of("AUTH_PORT", "x", "AUTH_ACCESS_TOKEN_TTL", "0", "AUTH_COOKIE_NAME", "a;b"));

    assertThat(message.lines())
        .hasSize(3)
        .anyMatch(l -> l.startsWith("AUTH_PORT="))
        .anyMatch(l -> l.startsWith("AUTH_ACCESS_TOKEN_TTL="))
        .anyMatch(l -> l.startsWith("AUTH_COOKIE_NAME="));
  }

  @Test
  void neverShowsASecretInAnyMessage() {
    String jwt = "jwt-secret-aaaaaaaaa";
    String jwtAlias = "jwt-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    String introspection = "introspect-ccc";
    String dbPassword = "db-pass-ddd";
    Map<String, String> env = new HashMap<>();
    env.put("AUTH_JWT_SECRET", jwt);
    env.put("JWT_SECRET", jwtAlias);
    env.put("AUTH_INTROSPECTION_SECRET", introspection);
    env.put("AUTH_DATABASE_URL", "mysql://user:" + dbPassword + "@db/auth");

    String message = problem(env);

    assertThat(message.lines()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(message).doesNotContain(jwt, jwtAlias, introspection, dbPassword);
    assertThat(message).contains("AUTH_JWT_SECRET and JWT_SECRET are both set");
    assertThat(message).contains("AUTH_DATABASE_URL=mysql://user:****@db/auth");
  }

  @Test
  void printsSecretSettingsMasked() {
    Settings s =
        SettingsLoader.load(
            Map.of(
                "AUTH_JWT_SECRET",
                "s".repeat(40) + "-very-private",
                "AUTH_JWT_ISSUER",
                "https://idp.example.com"));

    assertThat(s.toString()).doesNotContain("very-private");
    assertThat(s.external().secret().map(Secret::length)).isEqualTo(Optional.of(53));
  }

  @Test
  void namesEveryVariableItReadsIncludingAliases() {
    assertThat(SettingsLoader.names())
        .containsAll(
            List.of(
                "AUTH_PORT",
                "PORT",
                "AUTH_HOST",
                "AUTH_DATA_DIR",
                "AUTH_KEYS_DIR",
                "AUTH_SIGNING_KEY",
                "AUTH_ISSUER",
                "AUTH_AUDIENCE",
                "AUTH_ACCESS_TOKEN_TTL",
                "ACCESS_TOKEN_TTL",
                "JWT_EXPIRES_IN",
                "AUTH_REFRESH_TOKEN_TTL",
                "REFRESH_TOKEN_TTL",
                "JWT_REFRESH_EXPIRES_IN",
                "AUTH_CLOCK_SKEW",
                "AUTH_COOKIE_NAME",
                "AUTH_DEV_HEADERS",
                "DEVELOPMENT_AUTH_ENABLED",
                "LOG_LEVEL"));
  }
}
