package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevHeadersTest {

  static HttpResponse<String> askAs(TestServer server, String user, String permissions) {
    return server.send(
        "/verify",
        b ->
            b.header("X-Dev-User-Id", user)
                .header("X-Dev-Permissions", permissions)
                .header("X-Forwarded-Uri", "/reports")
                .header("X-Forwarded-Method", "POST")
                .GET());
  }

  @Test
  void acceptsTheDevelopmentIdentityWhenTurnedOnAndWildcardGrantsEveryPermission()
      throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules, "rules:\n  - path: /reports\n    policy: permissions\n    all: [reports:write]\n");
    try (TestServer server =
        TestServer.start(
            Map.of("DEVELOPMENT_AUTH_ENABLED", "true", "AUTH_RULES_FILE", rules.toString()))) {
      HttpResponse<String> all = askAs(server, "dev-1", "*");
      HttpResponse<String> some = askAs(server, "dev-2", "reports:read, docs:read");

      assertThat(all.statusCode()).isEqualTo(200);
      assertThat(all.headers().firstValue("X-User-Id")).hasValue("dev-1");
      assertThat(all.headers().firstValue("X-User-Permissions")).hasValue("*");
      assertThat(some.statusCode()).isEqualTo(403);
      assertThat(some.body()).contains("missing permission 'reports:write'");
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Test
  void ignoresDevelopmentHeadersByDefault() {
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> r = askAs(server, "dev-1", "*");

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("X-User-Id")).isEmpty();
    }
  }

  @Test
  void aRealCredentialWinsOverDevelopmentHeaders() {
    try (TestServer server = TestServer.start(Map.of("AUTH_DEV_HEADERS", "true"))) {
      String token =
          server
              .service()
              .tokens()
              .access("real", null, java.util.List.of(), java.util.List.of(), null)
              .token();

      HttpResponse<String> r =
          server.send(
              "/verify",
              b -> b.header("X-Dev-User-Id", "dev-1").header("Authorization", "Bearer " + token));

      assertThat(r.headers().firstValue("X-User-Id")).hasValue("real");
    }
  }
}
