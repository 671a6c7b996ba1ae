package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.LogCapture;
import dev.authgate.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sign-ins through the real account API land in the security log and the metrics. */
class SignInObservedTest {
  private static final String PASSWORD = "correct horse battery";

  @Test
  void logsAndCountsSuccessFailureAndRefreshReuseWithoutSecrets() {
    try (LogCapture security = LogCapture.of("dev.authgate.security");
        TestServer server = TestServer.start()) {
      HttpResponse<String> registered =
          post(
              server,
              "/auth/register",
              "{\"email\":\"eve@example.com\",\"password\":\"" + PASSWORD + "\"}");
      String userId = registered.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      post(
          server, "/auth/login", "{\"email\":\"eve@example.com\",\"password\":\"wrong password\"}");
      String tokens =
          post(
                  server,
                  "/auth/login",
                  "{\"email\":\"eve@example.com\",\"password\":\"" + PASSWORD + "\"}")
              .body();
      String refresh = tokens.replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
      post(server, "/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
      post(server, "/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");

      List<Map<String, String>> events = security.lines().stream().map(LogCapture::fields).toList();
      assertThat(events.stream().map(e -> e.get("event")))
          .containsExactly("login_failed", "login_succeeded", "refresh_reuse");
      assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("user_id", userId));
      assertThat(events.get(0))
          .containsEntry("why", "bad_password")
          .containsEntry("client", "127.0.0.1");
      assertThat(
              security.lines().stream()
                  .map(e -> e.getFormattedMessage() + e.getKeyValuePairs())
                  .collect(Collectors.joining("\n")))
          .doesNotContain(PASSWORD)
          .doesNotContain("wrong password")
          .doesNotContain(refresh);
      assertThat(server.get("/metrics").body())
          .contains("authgate_logins_total{outcome=\"failed\"} 1.0")
          .contains("authgate_logins_total{outcome=\"succeeded\"} 1.0")
          .contains("hikaricp_connections_active{pool=\"authgate-store\"}");
    }
  }

  private static HttpResponse<String> post(TestServer server, String path, String json) {
    return server.send(
        path,
        b ->
            b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
  }
}
