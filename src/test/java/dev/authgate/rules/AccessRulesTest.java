package dev.authgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /verify with a rules file: the status for each host, path, method and caller. */
class AccessRulesTest {
  static final String RULES =
      """
      default: authenticated
      rules:
        - path: /public
          policy: public
        - path: /admin
          policy: roles
          any: [admin]
        - path: /reports
          methods: [GET]
          policy: authenticated
        - path: /reports
          policy: permissions
          all: [reports:read, reports:write]
        - host: "*.docs.example.com"
          path: /api/*/export
          policy: permissions
          any: [docs:export]
        - host: open.example.com
          policy: public
      """;

  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("rules");
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    server = TestServer.start(Map.of("AUTH_RULES_FILE", dir.resolve("rules.yaml").toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
    TempDirs.delete(dir);
  }

  /** A caller: none, garbage, or a token with roles and permissions ("user:role|perm perm"). */
  static String token(String caller) {
    if (caller.equals("none")) {
      return null;
    }
    if (caller.equals("garbage")) {
      return "not.a.token";
    }
    String[] parts = (caller + "|").split("\\|", -1);
    List<String> roles = words(parts[0]);
    List<String> permissions = words(parts[1]);
    return server.service().tokens().access("u1", null, roles, permissions, null).token();
  }

  static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  static HttpResponse<String> ask(String host, String uri, String method, String caller) {
    String token = token(caller);
    return server.send(
        "/verify",
        b -> {
          b.header("X-Forwarded-Host", host)
              .header("X-Forwarded-Uri", uri)
              .header("X-Forwarded-Method", method);
          if (token != null) {
            b.header("Authorization", "Bearer " + token);
          }
          return b.GET();
        });
  }

  @ParameterizedTest(name = "{2} {0}{1} as [{3}] is {4}")
  @CsvSource(
      delimiter = ';',
      value = {
        "app.example.com; /public; GET; none; 200; ",
        "app.example.com; /public/page?x=1; POST; none; 200; ",
        "app.example.com; /public; GET; garbage; 200; ",
        "app.example.com; /other; GET; none; 401; ",
        "app.example.com; /other; GET; garbage; 401; malformed token",
        "app.example.com; /other; GET; ; 200; ",
        "app.example.com; /admin; GET; none; 401; ",
        "app.example.com; /admin; GET; ; 403; missing role 'admin'",
        "app.example.com; /admin/users; DELETE; admin; 200; ",
        "app.example.com; /administrator; GET; ; 200; ",
        "app.example.com; /reports; GET; ; 200; ",
        "app.example.com; /reports; POST; |reports:read; 403; missing permission 'reports:write'",
        "app.example.com; /reports; POST; ; 403; missing permissions 'reports:read', 'reports:write'",
        "app.example.com; /reports; POST; |reports:*; 200; ",
        "app.example.com; /reports; PUT; |*; 200; ",
        "a.docs.example.com; /api/v1/export; GET; |docs:export; 200; ",
        "a.docs.example.com; /api/v1/export; GET; |docs:read; 403; missing permission 'docs:export'",
        "a.docs.example.com; /api/v1/v2/export; GET; |docs:read; 200; ",
        "docs.example.com; /api/v1/export; GET; |docs:read; 200; ",
        "open.example.com:8443; /anything; GET; none; 200; ",
        "open.example.com; /admin; GET; none; 401; ",
      })
  void answersByHostPathMethodAndCaller(
      String host, String uri, String method, String caller, int status, String message) {
    HttpResponse<String> r = ask(host, uri, method, caller == null ? "" : caller);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (message != null) {
      assertThat(r.body() + r.headers().firstValue("WWW-Authenticate").orElse(""))
          .contains(message);
    }
  }

  @ParameterizedTest(name = "{0} as [{1}] is {2}")
  @CsvSource(
      delimiter = ',',
      value = {
        "/public/../admin, none, 401",
        "/public/../admin, , 403",
        "//admin, , 403",
        "/public/%2e%2e/admin, , 403",
        "/public%2F..%2Fadmin, , 403",
        "/public/..;/admin, , 403",
        "/public\\..\\admin, , 403",
        "/admin;x=/public, , 403",
        "/public/%252e%252e/admin, admin, 403",
        "/public/%zz, none, 403",
        "/PUBLIC, none, 401",
        "/public/../admin, admin, 200",
      })
  void normalisesThePathBeforeMatching(String uri, String caller, int status) {
    HttpResponse<String> r = ask("app.example.com", uri, "GET", caller == null ? "" : caller);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
  }

  @Test
  void setsTheIdentityHeadersOnAPublicPathWhenACredentialIsValid() {
    HttpResponse<String> r = ask("app.example.com", "/public", "GET", "staff|");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("u1");
    assertThat(r.headers().firstValue("X-User-Roles")).hasValue("staff");
  }

  @Test
  void readsNginxOriginalUriAndMethod() {
    String token = token("");

    HttpResponse<String> r =
        server.send(
            "/verify",
            b ->
                b.header("X-Original-URI", "/public/../reports")
                    .header("X-Original-Method", "POST")
                    .header("Authorization", "Bearer " + token)
                    .GET());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("missing permissions 'reports:read', 'reports:write'");
  }

  @Test
  void matchesWithoutCaseWhenTheFileSaysPathsIgnoreIt() throws IOException {
    Path file = dir.resolve("nocase.yaml");
    Files.writeString(
        file,
        "case_sensitive: false\nrules:\n  - path: /Admin\n    policy: roles\n    any: [admin]\n");
    try (TestServer nocase = TestServer.start(Map.of("AUTH_RULES_FILE", file.toString()))) {
      String token =
          nocase.service().tokens().access("u1", null, List.of(), List.of(), null).token();

      HttpResponse<String> r =
          nocase.send(
              "/verify",
              b ->
                  b.header("X-Forwarded-Uri", "/ADMIN").header("Authorization", "Bearer " + token));

      assertThat(r.statusCode()).isEqualTo(403);
    }
  }
}
