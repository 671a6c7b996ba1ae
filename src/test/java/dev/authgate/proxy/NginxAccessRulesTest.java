package dev.authgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access rules decide the same behind a real Nginx (deploy/nginx) as at /verify directly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxAccessRulesTest {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  Path dir;
  TestServer authgate;
  Upstream app;
  Proxy nginx;

  @BeforeAll
  void startAll() throws IOException {
    dir = Files.createTempDirectory("rules");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules,
        """
        default: authenticated
        rules:
          - path: /public
            policy: public
          - path: /admin
            policy: roles
            any: [admin]
          - path: /reports
            methods: [POST]
            policy: permissions
            all: [reports:write]
        """);
    authgate = TestServer.start(Map.of("AUTH_RULES_FILE", rules.toString()));
    app = Upstream.start();
    nginx =
        ProxyKind.NGINX.start(
            new InetSocketAddress("127.0.0.1", authgate.service().port()), app.address());
  }

  @AfterAll
  void stopAll() {
    if (nginx != null) {
      nginx.close();
    }
    app.close();
    authgate.close();
    TempDirs.delete(dir);
  }

  @BeforeEach
  void forget() {
    app.clear();
  }

  @ParameterizedTest(name = "{1} {0} as [{2}] is {3}")
  @CsvSource({
    "/public/page, GET, none, 200",
    "/other, GET, none, 401",
    "/other, GET, user, 200",
    "/admin/users, GET, user, 403",
    "/admin/users, GET, admin, 200",
    "/reports, GET, user, 200",
    "/reports, POST, user, 403",
    "/reports, POST, writer, 200",
    "/public/../admin, GET, none, 401",
    "/public/../admin, GET, user, 403",
    "//admin, GET, user, 403",
    "/public/%2e%2e/admin, GET, user, 403",
    "/public%2F..%2Fadmin, GET, user, 403",
    "/public/..;/admin, GET, user, 403",
  })
  void decidesTheSameThroughNginx(String path, String method, String caller, int status)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    String token = token(caller);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(nginx.output()).isEqualTo(status);
    assertThat(app.requests()).hasSize(status == 200 ? 1 : 0);
  }

  private String token(String caller) {
    List<String> roles = caller.equals("admin") ? List.of("admin") : List.of();
    List<String> permissions = caller.equals("writer") ? List.of("reports:*") : List.of();
    return caller.equals("none")
        ? null
        : authgate.service().tokens().access("u1", null, roles, permissions, null).token();
  }
}
