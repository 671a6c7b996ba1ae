package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.keys.KeyPairFiles;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestClock;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /verify answers repeated tokens from memory, and that memory never outlives the decision. */
class CachedVerifyTest {

  @Test
  void refusesATokenOfARemovedKeyEvenWhenItWasCached() throws Exception {
    Path keys = Files.createTempDirectory("authgate-keys");
    KeyPairFiles.write(KeyPairFiles.generate(), keys, "old");
    KeyPairFiles.write(KeyPairFiles.generate(), keys, "new");
    Files.setLastModifiedTime(keys.resolve("old.pem"), FileTime.from(Instant.EPOCH));
    try (TestServer server = TestServer.start(Map.of("AUTH_KEYS_DIR", keys.toString()))) {
      String token =
          server.service().tokens().access("u1", null, List.of(), List.of(), null).token();
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
      assertThat(server.verify(token).statusCode()).isEqualTo(200);

      Files.delete(keys.resolve("new.pem"));
      Files.delete(keys.resolve("new.pub.pem"));

      HttpResponse<String> r = untilRefused(server, token);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error_description=\"unknown kid");
    } finally {
      TempDirs.delete(keys);
    }
  }

  @Test
  void refusesAnExpiredTokenEvenWhenItWasCached() {
    TestClock clock = new TestClock();
    try (TestServer server =
        TestServer.start(Map.of("AUTH_ACCESS_TOKEN_TTL", "60s", "AUTH_CLOCK_SKEW", "0s"), clock)) {
      String token =
          server.service().tokens().access("u1", null, List.of(), List.of(), null).token();
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofSeconds(59));
      assertThat(server.verify(token).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofSeconds(2));

      HttpResponse<String> r = server.verify(token);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains("\"reason\":\"expired\"");
    }
  }

  /** The key directory is polled every second; waits up to five for the change to be seen. */
  private static HttpResponse<String> untilRefused(TestServer server, String token)
      throws InterruptedException {
    HttpResponse<String> r = server.verify(token);
    for (int i = 0; i < 50 && r.statusCode() == 200; i++) {
      Thread.sleep(100);
      r = server.verify(token);
    }
    return r;
  }
}
