package dev.authgate.account;

import static dev.authgate.account.AccountClient.PASSWORD;
import static dev.authgate.account.AccountClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestClock;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brute-force limits, the bounded hashing pool, registration closed. On the embedded store. */
class LoginProtectionTest {

  @Test
  void limitsFailuresPerAccountWithoutRevealingWhetherItExists() {
    TestClock clock = new TestClock();
    try (TestServer server = TestServer.start(Map.of("AUTH_BCRYPT_ROUNDS", "4"), clock)) {
      AccountClient client = new AccountClient(server);
      client.register("known@example.com", PASSWORD);
      for (int i = 0; i < 5; i++) {
        assertThat(client.login("known@example.com", "wrong password").statusCode()).isEqualTo(401);
        assertThat(client.login("unknown@example.com", "wrong password").statusCode())
            .isEqualTo(401);
      }

      HttpResponse<String> known = client.login("known@example.com", PASSWORD);
      HttpResponse<String> unknown = client.login("unknown@example.com", PASSWORD);

      assertThat(known.statusCode()).isEqualTo(429);
      assertThat(known.headers().firstValue("Retry-After")).hasValue("900");
      assertThat(unknown.statusCode()).isEqualTo(429);
      assertThat(unknown.body()).isEqualTo(known.body());
      clock.advance(Duration.ofMinutes(15));
      assertThat(client.login("known@example.com", PASSWORD).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSuccessResetsTheAccountsCount() {
    try (TestServer server = TestServer.start(Map.of("AUTH_BCRYPT_ROUNDS", "4"))) {
      AccountClient client = new AccountClient(server);
      client.register("forgetful@example.com", PASSWORD);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 4; i++) {
          assertThat(client.login("forgetful@example.com", "wrong password").statusCode())
              .isEqualTo(401);
        }
        assertThat(client.login("forgetful@example.com", PASSWORD).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void limitsFailuresPerClientAddressAcrossAccounts() {
    try (TestServer server =
        TestServer.start(
            Map.of("AUTH_BCRYPT_ROUNDS", "4", "AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", "3"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(loginFrom(server, "203.0.113.7", "spray" + i + "@example.com").statusCode())
            .isEqualTo(401);
      }

      HttpResponse<String> r = loginFrom(server, "203.0.113.7", "spray9@example.com");

      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(json(r).get("error").asText()).isEqualTo("too_many_attempts");
      assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 900L);
      assertThat(loginFrom(server, "198.51.100.8", "spray9@example.com").statusCode())
          .as("another client behind the same trusted proxy has its own count")
          .isEqualTo(401);
    }
  }

  private static HttpResponse<String> loginFrom(TestServer server, String client, String email) {
    return server.send(
        "/auth/login",
        b ->
            b.header("Content-Type", "application/json")
                .header("X-Forwarded-For", client)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        AccountClient.object("email", email, "password", "password1"))));
  }

  @Test
  void answers503WithRetryAfterAtOnceWhenTheHashingPoolIsFull() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of("AUTH_BCRYPT_ROUNDS", "13", "AUTH_HASH_THREADS", "1", "AUTH_HASH_QUEUE", "1"))) {
      AccountClient client = new AccountClient(server);

      List<Timed> answers =
          AccountApiContract.parallel(
              6,
              i -> {
                long start = System.nanoTime();
                HttpResponse<String> r = client.login("busy" + i + "@example.com", PASSWORD);
                return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
              });

      List<Timed> shed = answers.stream().filter(a -> a.response.statusCode() == 503).toList();
      List<Timed> checked = answers.stream().filter(a -> a.response.statusCode() == 401).toList();
      assertThat(shed).hasSizeGreaterThanOrEqualTo(4);
      assertThat(checked).hasSizeBetween(1, 2);
      Duration slowestShed = shed.stream().map(Timed::took).max(Duration::compareTo).orElseThrow();
      Duration firstChecked =
          checked.stream().map(Timed::took).min(Duration::compareTo).orElseThrow();
      assertThat(slowestShed).isLessThan(firstChecked);
      assertThat(shed.get(0).response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(json(shed.get(0).response).get("error").asText()).isEqualTo("overloaded");
    }
  }

  @Test
  void signInsBeyondTheLimitAtOnceWaitASecondNotTheWindow() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                "AUTH_BCRYPT_ROUNDS", "13",
                "AUTH_HASH_THREADS", "2",
                "AUTH_LOGIN_MAX_FAILURES", "2"))) {
      AccountClient client = new AccountClient(server);
      client.register("busy@example.com", PASSWORD);

      List<HttpResponse<String>> answers =
          AccountApiContract.parallel(6, i -> client.login("busy@example.com", PASSWORD));

      List<HttpResponse<String>> crowded =
          answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(answers).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429);
      assertThat(crowded).isNotEmpty();
      assertThat(crowded)
          .allSatisfy(
              r -> {
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(json(r).get("error").asText()).isEqualTo("too_many_attempts");
              });
      assertThat(client.login("busy@example.com", PASSWORD).statusCode())
          .as("nothing failed, so nothing is locked")
          .isEqualTo(200);
    }
  }

  private record Timed(HttpResponse<String> response, Duration took) {}

  @Test
  void refusesSelfRegistrationWhenClosed() {
    try (TestServer server =
        TestServer.start(Map.of("AUTH_BCRYPT_ROUNDS", "4", "AUTH_REGISTRATION", "closed"))) {
      HttpResponse<String> r = new AccountClient(server).register("late@example.com", PASSWORD);

      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(json(r).get("error").asText()).isEqualTo("registration_closed");
    }
  }

  @Test
  void upgradesAWeakerHashAtTheNextSuccessfulLogin() throws Exception {
    java.nio.file.Path shared = java.nio.file.Files.createTempDirectory("authgate-upgrade");
    try {
      try (TestServer cheap =
          TestServer.start(Map.of("AUTH_BCRYPT_ROUNDS", "4", "AUTH_DATA_DIR", shared.toString()))) {
        new AccountClient(cheap).register("upgrade@example.com", PASSWORD);
        assertThat(hash(cheap)).startsWith("$2a$04$");
      }
      try (TestServer stronger =
          TestServer.start(Map.of("AUTH_BCRYPT_ROUNDS", "6", "AUTH_DATA_DIR", shared.toString()))) {
        AccountClient client = new AccountClient(stronger);
        assertThat(client.login("upgrade@example.com", "wrong password").statusCode())
            .isEqualTo(401);
        assertThat(hash(stronger)).startsWith("$2a$04$");

        assertThat(client.login("upgrade@example.com", PASSWORD).statusCode()).isEqualTo(200);

        assertThat(hash(stronger)).startsWith("$2a$06$");
        assertThat(client.login("upgrade@example.com", PASSWORD).statusCode()).isEqualTo(200);
      }
    } finally {
      dev.authgate.support.TempDirs.delete(shared);
    }
  }

  private static String hash(TestServer server) throws Exception {
    try (var c = server.service().accounts().database().dataSource().getConnection();
        var s = c.prepareStatement("SELECT password_hash FROM users WHERE email_key = ?")) {
      s.setString(1, "upgrade@example.com");
      try (var r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
