package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command the Docker HEALTHCHECK runs, against the real jar. */
class HealthcheckIT {

  @Test
  void exitsZeroWhenAuthgateOnTheConfiguredPortIsLive() throws Exception {
    try (JarProcess authgate = JarProcess.start(Map.of())) {
      Result r = healthcheck(authgate.port());

      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("/livez answered 200");
    }
  }

  @Test
  void exitsOneWhenNothingAnswers() throws Exception {
    Result r = healthcheck(JarProcess.freePort());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output()).contains("did not answer");
  }

  private record Result(int exit, String output) {}

  private static Result healthcheck(int port) throws IOException, InterruptedException {
    ProcessBuilder builder = JarProcess.command("healthcheck").redirectErrorStream(true);
    builder.environment().put("AUTH_PORT", String.valueOf(port));
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }
}
