package dev.authgate.account;

import static dev.authgate.account.AccountClient.PASSWORD;
import static dev.authgate.account.AccountClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL stopped during a run, and started again: no restart of authgate is needed. */
class PostgresOutageTest {

  @Test
  void answers503WhileTheDatabaseIsDownKeepsVerifyingAndRecoversWithoutRestart() throws Exception {
    try (ThrowawayPostgres pg = ThrowawayPostgres.start();
        TestServer server =
            TestServer.start(
                Map.of(
                    "AUTH_DATABASE_URL", pg.url(),
                    "AUTH_DB_CONNECT_TIMEOUT", "1s",
                    "AUTH_BCRYPT_ROUNDS", "4"))) {
      AccountClient client = new AccountClient(server);
      String token = client.signUp("outage@example.com").get("access_token").asText();

      pg.stop();

      long start = System.nanoTime();
      HttpResponse<String> login = client.login("outage@example.com", PASSWORD);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(login.statusCode()).isEqualTo(503);
      assertThat(json(login).get("error").asText()).isEqualTo("store_unavailable");
      assertThat(took).isLessThan(Duration.ofSeconds(3));
      assertThat(client.register("new@example.com", PASSWORD).statusCode()).isEqualTo(503);
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
      assertThat(server.get("/.well-known/jwks.json").statusCode()).isEqualTo(200);
      assertThat(server.get("/livez").statusCode()).isEqualTo(200);
      HttpResponse<String> health = server.get("/healthz");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(json(health).get("checks").get("store").asText()).isEqualTo("unreachable");

      pg.startAgain();

      assertThat(loginEventually(client)).isEqualTo(200);
      assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(server.verify(token).statusCode()).isEqualTo(200);
    }
  }

  private static int loginEventually(AccountClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int status;
    do {
      status = client.login("outage@example.com", PASSWORD).statusCode();
      if (status == 200) {
        return status;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return status;
  }
}
