package dev.authgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.Claims;
import dev.authgate.support.JarProcess;
import dev.authgate.support.Jws;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar authgate.jar diagnose}, as an operator runs it: exit codes and what it says. */
class DiagnoseIT {
  static final String ISSUER = "https://auth.example.com";
  Path keys;

  @BeforeEach
  void keys() throws Exception {
    keys = TestKeys.copy(Files.createTempDirectory("diagnose-it"), "a.pkcs8.pem");
  }

  @AfterEach
  void clean() {
    TempDirs.delete(keys);
  }

  private record Exit(int code, String stdout, String stderr) {}

  private Exit diagnose(String stdin, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "diagnose";
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = JarProcess.command(command);
    builder.environment().put("AUTH_KEYS_DIR", keys.toString());
    builder.environment().put("AUTH_ISSUER", ISSUER);
    Process p = builder.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Exit(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static String token(Instant now) {
    return Jws.rs256(
        Claims.header(TestKeys.read("a.pkcs8.pem").kid()).toString(),
        Claims.access(ISSUER, now).toString(),
        TestKeys.privateKey("a.pkcs8.pem"));
  }

  @Test
  void exitsZeroForATokenThatPassesReadFromStdin() throws Exception {
    Exit exit = diagnose(token(Instant.now()) + "\n");

    assertThat(exit.code()).as(exit.stdout() + exit.stderr()).isZero();
    assertThat(exit.stdout()).contains("verdict: PASS");
  }

  @Test
  void exitsOneWithTheReasonForAnExpiredTokenFromTheArguments() throws Exception {
    Exit exit = diagnose("", token(Instant.now().minusSeconds(3600)));

    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.stdout()).contains("verdict: REJECT").containsPattern("expired \\d+ s ago");
  }

  @Test
  void exitsTwoOnAUsageError() throws Exception {
    Exit exit = diagnose("", "one", "two");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).contains("usage: java -jar authgate.jar diagnose");
  }
}
