package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authgate.keys.KeyPairFiles;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two authgate instances on one PostgreSQL database and one key, as replicas run. */
class TwoInstancesTest {

  @Test
  void aLogoutOnOneInstanceIsRefusedByTheOtherWithinFiveSeconds() throws Exception {
    String database = PostgresDatabases.create();
    Path keys = Files.createTempDirectory("authgate-shared-keys");
    KeyPairFiles.write(KeyPairFiles.generate(), keys, "shared");
    Map<String, String> env =
        Map.of(
            "AUTH_DATABASE_URL",
            database,
            "AUTH_KEYS_DIR",
            keys.toString(),
            "AUTH_BCRYPT_ROUNDS",
            "4");
    try (TestServer a = TestServer.start(env);
        TestServer b = TestServer.start(env)) {
      JsonNode session = new AccountClient(a).signUp("replicas@example.com");
      String access = session.get("access_token").asText();
      assertThat(b.verify(access).statusCode()).isEqualTo(200);

      assertThat(new AccountClient(a).post("/auth/logout", "", access).statusCode()).isEqualTo(204);
      long start = System.nanoTime();
      assertThat(a.verify(access).statusCode()).isEqualTo(401);

      Duration refusedAfter = null;
      while (System.nanoTime() - start < Duration.ofSeconds(8).toNanos()) {
        if (b.verify(access).statusCode() == 401) {
          refusedAfter = Duration.ofNanos(System.nanoTime() - start);
          break;
        }
        Thread.sleep(50);
      }
      assertThat(refusedAfter).isNotNull().isLessThan(Duration.ofSeconds(5));
      assertThat(b.verify(access).headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("token has been revoked");
    } finally {
      TempDirs.delete(keys);
      PostgresDatabases.drop(database);
    }
  }
}
