package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.LogCapture;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 403 from an access rule is a security event, and a metric with reason "rule". */
class ForbiddenObservedTest {

  @Test
  void logsPermissionDeniedWithUserAndTargetAndCountsIt() throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n  - path: /admin\n    policy: roles\n    any: [admin]\n");
    try (LogCapture security = LogCapture.of("dev.authgate.security");
        TestServer server = TestServer.start(Map.of("AUTH_RULES_FILE", rules.toString()))) {
      String token =
          server.service().tokens().access("u-403", null, List.of("dev"), List.of(), null).token();

      int status =
          server
              .send(
                  "/verify",
                  b ->
                      b.header("Authorization", "Bearer " + token)
                          .header("X-Forwarded-Method", "DELETE")
                          .header("X-Forwarded-Host", "app.example.com")
                          .header("X-Forwarded-Uri", "/admin/users?token=abc"))
              .statusCode();

      assertThat(status).isEqualTo(403);
      assertThat(LogCapture.fields(security.lines().get(0)))
          .containsEntry("event", "permission_denied")
          .containsEntry("user_id", "u-403")
          .containsEntry("client", "127.0.0.1")
          .containsEntry("rule", "DELETE app.example.com/admin/users");
      assertThat(server.get("/metrics").body())
          .contains("authgate_verify_decisions_total{outcome=\"forbidden\",reason=\"rule\"} 1.0");
    } finally {
      TempDirs.delete(dir);
    }
  }
}
