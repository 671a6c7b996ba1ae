package dev.authgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.JarProcess;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real jar at start-up: a bad setting stops it with one line; a good start says what it
 * accepts.
 */
class StartupIT {
  Path dir;

  @BeforeEach
  void dir() throws IOException {
    dir = Files.createTempDirectory("startup-it");
  }

  @AfterEach
  void clean() {
    TempDirs.delete(dir);
  }

  private record Exit(int code, String stdout, String stderr) {}

  private Exit run(Map<String, String> env, String stdin, String... args) throws Exception {
    ProcessBuilder builder = JarProcess.command(args);
    builder.environment().put("AUTH_HOST", "127.0.0.1");
    builder.environment().put("AUTH_PORT", String.valueOf(JarProcess.freePort()));
    builder.environment().put("AUTH_DATA_DIR", dir.resolve("data").toString());
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("stdout").toFile());
    builder.redirectError(dir.resolve("stderr").toFile());
    Process p = builder.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("authgate did not exit: " + Files.readString(dir.resolve("stdout")));
    }
    return new Exit(
        p.exitValue(),
        Files.readString(dir.resolve("stdout")),
        Files.readString(dir.resolve("stderr")));
  }

  @Test
  void stopsOnAnInvalidSettingWithOneLineNamingItOnStderr() throws Exception {
    Exit exit = run(Map.of("AUTH_ACCESS_TOKEN_TTL", "0", "AUTH_PORT", "70000"), "");

    assertThat(exit.code()).isNotZero();
    assertThat(exit.stderr().lines())
        .containsExactlyInAnyOrder(
            "authgate: configuration error: AUTH_PORT=70000 is out of range: use a whole number"
                + " from 0 to 65535, for example AUTH_PORT=8080",
            "authgate: configuration error: AUTH_ACCESS_TOKEN_TTL=0 would make every token expire"
                + " at once: use a positive duration, for example AUTH_ACCESS_TOKEN_TTL=15m");
    assertThat(exit.stderr()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void stopsOnAKeyUnder2048BitsNamingTheFile() throws Exception {
    Path keys = TestKeys.copy(dir.resolve("keys"), "small-1024.pem");

    Exit exit = run(Map.of("AUTH_KEYS_DIR", keys.toString()), "");

    assertThat(exit.code()).isNotZero();
    assertThat(exit.stderr().lines()).hasSize(1);
    assertThat(exit.stderr())
        .startsWith("authgate: configuration error: AUTH_KEYS_DIR=" + keys)
        .contains(keys.resolve("small-1024.pem") + ": holds a 1024-bit RSA key")
        .contains("for example AUTH_KEYS_DIR=");
  }

  @Test
  void stopsOnAnUnreadableKeysDirectory() throws Exception {
    Path missing = dir.resolve("no-such-dir");

    Exit exit = run(Map.of("AUTH_KEYS_DIR", missing.toString()), "");

    assertThat(exit.code()).isNotZero();
    assertThat(exit.stderr().lines()).hasSize(1);
    assertThat(exit.stderr())
        .contains("AUTH_KEYS_DIR=" + missing)
        .contains("is not a readable directory")
        .contains("for example AUTH_KEYS_DIR=");
  }

  @Test
  void stopsWhenANameAndItsAliasDisagree() throws Exception {
    Exit exit = run(Map.of("AUTH_ACCESS_TOKEN_TTL", "5m", "JWT_EXPIRES_IN", "1h"), "");

    assertThat(exit.code()).isNotZero();
    assertThat(exit.stderr())
        .isEqualTo(
            "authgate: configuration error: AUTH_ACCESS_TOKEN_TTL and JWT_EXPIRES_IN are both set,"
                + " to different values: they are one setting; keep only AUTH_ACCESS_TOKEN_TTL\n");
  }

  @Test
  void saysAtStartWhatItAcceptsAndNeverPrintsASecret() throws Exception {
    Path keys = TestKeys.copy(dir.resolve("keys"), "a.pkcs8.pem", "b.pkcs8.pem");
    String jwtSecret = "jwt-secret-" + "x".repeat(40);
    String introspection = "introspection-secret-" + "y".repeat(40);
    String adminPassword = "admin-password-zzzzzzzz";
    Map<String, String> env =
        Map.of(
            "AUTH_KEYS_DIR",
            keys.toString(),
            "AUTH_ISSUER",
            "https://auth.example.com",
            "AUTH_DEV_HEADERS",
            "true",
            "AUTH_JWT_SECRET",
            jwtSecret,
            "AUTH_JWT_ISSUER",
            "https://idp.example.com",
            "AUTH_INTROSPECTION_SECRET",
            introspection,
            "AUTH_ADMIN_EMAIL",
            "admin@example.com",
            "AUTH_ADMIN_PASSWORD",
            adminPassword);
    String output;
    try (JarProcess authgate = JarProcess.start(env)) {
      output = authgate.output();
    }

    String line =
        output.lines().filter(l -> l.contains("authgate listening on")).findFirst().orElseThrow();
    assertThat(line)
        .contains(TestKeys.read("a.pkcs8.pem").kid())
        .contains(TestKeys.read("b.pkcs8.pem").kid())
        .contains("\"https://auth.example.com\"")
        .contains("https://idp.example.com")
        .contains("development headers ON");
    assertThat(output).doesNotContain(jwtSecret, introspection, adminPassword);
    assertThat(output).doesNotContain("DEVELOPMENT KEY");
  }

  @Test
  void warnsLoudlyWhenItRunsOnADevelopmentKey() throws Exception {
    try (JarProcess authgate = JarProcess.start(Map.of())) {
      assertThat(authgate.output())
          .contains("DEVELOPMENT KEY")
          .contains("keygen --out DIR`, then AUTH_KEYS_DIR=DIR");
    }
  }
}
