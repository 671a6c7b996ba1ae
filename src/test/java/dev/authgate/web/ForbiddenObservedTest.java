package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A 403 from an access rule is a security event, and a metric with reason "rule". */
class ForbiddenObservedTest {

  @Test
  void logsPermissionDeniedWithUserAndTargetAndCountsIt() throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n  - path: /admin\n    policy: roles\n    any: [admin]\n");
    Logger securityLog = (Logger) LoggerFactory.getLogger("dev.authgate.security");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    securityLog.addAppender(lines);
    try (TestServer server = TestServer.start(Map.of("AUTH_RULES_FILE", rules.toString()))) {
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
      ILoggingEvent event = lines.list.get(0);
      Map<String, Object> fields =
          event.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
      assertThat(fields)
          .containsEntry("event", "permission_denied")
          .containsEntry("user_id", "u-403")
          .containsEntry("client", "127.0.0.1")
          .containsEntry("rule", "DELETE app.example.com/admin/users");
      assertThat(server.get("/metrics").body())
          .contains("authgate_verify_decisions_total{outcome=\"forbidden\",reason=\"rule\"} 1.0");
    } finally {
      securityLog.detachAppender(lines);
      TempDirs.delete(dir);
    }
  }
}
