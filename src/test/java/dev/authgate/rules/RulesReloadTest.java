package dev.authgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesReloadTest {

  static int status(TestServer server, String path) {
    HttpResponse<String> r = server.send("/verify", b -> b.header("X-Forwarded-Uri", path).GET());
    return r.statusCode();
  }

  static int awaitStatus(TestServer server, String path, int wanted) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status;
    while ((status = status(server, path)) != wanted && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return status;
  }

  @Test
  void reloadsAChangedFileAndKeepsTheRulesInForceWhenTheChangeIsInvalid() throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  - path: /open\n    policy: public\n");
    try (TestServer server = TestServer.start(Map.of("AUTH_RULES_FILE", file.toString()))) {
      assertThat(status(server, "/open")).isEqualTo(200);
      assertThat(status(server, "/later")).isEqualTo(401);

      Files.writeString(
          file,
          "rules:\n  - path: /open\n    policy: public\n  - path: /later\n    policy: public\n");
      assertThat(awaitStatus(server, "/later", 200)).isEqualTo(200);

      Files.writeString(file, "rules:\n  - path: /open\n    policy: pubic\n");
      Thread.sleep(2500);
      assertThat(status(server, "/open")).isEqualTo(200);
      assertThat(status(server, "/later")).isEqualTo(200);
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Test
  void refusesToStartWithAnInvalidFile() throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  - path: /open\n    policy: pubic\n");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> TestServer.start(Map.of("AUTH_RULES_FILE", file.toString())))
          .hasMessageContaining("line 3: policy \"pubic\" is not a policy");
    } finally {
      TempDirs.delete(dir);
    }
  }
}
