package dev.authgate.account;

import static dev.authgate.account.AccountClient.json;
import static dev.authgate.account.AccountClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.cli.ApiKeyCommand;
import dev.authgate.config.SettingsLoader;
import dev.authgate.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys of service principals: create, use, revoke, expire; on one store and across two. */
class ApiKeysTest {
  static final String ADMIN = "root@example.com";
  static final String ADMIN_PASSWORD = "admin password";

  static Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("AUTH_ADMIN_EMAIL", ADMIN);
    env.put("AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("AUTH_REVOCATION_REFRESH", "1s");
    env.put("AUTH_BCRYPT_ROUNDS", "4");
    env.putAll(extra);
    return env;
  }

  static String admin(TestServer server) {
    return new AccountClient(server).signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
  }

  static String create(TestServer server, String admin, String json) {
    HttpResponse<String> r = new AccountClient(server).post("/auth/admin/api-keys", json, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("key").asText();
  }

  static HttpResponse<String> verify(TestServer server, String key) {
    return server.send("/verify", b -> b.header("X-API-Key", key).GET());
  }

  static String prefix(String key) {
    return key.substring(0, 12);
  }

  static int awaitStatus(TestServer server, String key, int wanted) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status;
    while ((status = verify(server, key).statusCode()) != wanted && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return status;
  }

  @Test
  void createsUsesRevokesAndExpiresKeysOnTheEmbeddedStore() throws Exception {
    try (TestServer server = TestServer.start(env(Map.of()))) {
      String admin = admin(server);
      String key =
          create(
              server,
              admin,
              object("principal", "billing", "scopes", "invoices:read invoices:write"));

      HttpResponse<String> ok = verify(server, key);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("X-User-Id")).hasValue("billing");
      assertThat(ok.headers().firstValue("X-User-Permissions"))
          .hasValue("invoices:read,invoices:write");
      HttpResponse<String> viaAuthorization =
          server.send("/verify", b -> b.header("Authorization", "ApiKey " + key).GET());
      assertThat(viaAuthorization.statusCode()).isEqualTo(200);

      HttpResponse<String> list = new AccountClient(server).get("/auth/admin/api-keys", admin);
      assertThat(list.body()).contains(prefix(key)).doesNotContain(key);

      HttpResponse<String> revoke =
          new AccountClient(server).send("DELETE", "/auth/admin/api-keys/" + prefix(key), admin);
      assertThat(revoke.statusCode()).isEqualTo(204);
      HttpResponse<String> revoked = verify(server, key);
      assertThat(revoked.statusCode()).isEqualTo(401);
      assertThat(revoked.body()).contains("API key " + prefix(key) + " has been revoked");

      String shortLived = create(server, admin, object("principal", "billing", "expires_in", "1s"));
      assertThat(verify(server, shortLived).statusCode()).isEqualTo(200);
      Thread.sleep(1200);
      HttpResponse<String> expired = verify(server, shortLived);
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.body()).contains("expired at");

      String tampered = key.substring(0, key.length() - 2) + (key.endsWith("A") ? "BB" : "AA");
      assertThat(verify(server, tampered).body()).contains("unknown API key");
    }
  }

  @Test
  void refusesKeysOfADeactivatedPrincipalAndNeedsAnAdmin() throws Exception {
    try (TestServer server = TestServer.start(env(Map.of()))) {
      String admin = admin(server);
      String key = create(server, admin, object("principal", "reports", "scopes", "r:read"));
      AccountClient client = new AccountClient(server);

      client.post("/auth/admin/service-principals/reports/deactivate", "{}", admin);
      HttpResponse<String> r = verify(server, key);

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains("service principal 'reports' is not active");
      String user = client.signUp("someone@example.com").get("access_token").asText();
      assertThat(client.post("/auth/admin/api-keys", object("principal", "x"), user).statusCode())
          .isEqualTo(403);
      assertThat(
              client
                  .post("/auth/admin/api-keys", object("principal", "Bad Name"), admin)
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void aKeyRevokedOnOneInstanceFailsOnAnotherWithinTheRefreshInterval() throws Exception {
    String database = PostgresDatabases.create();
    try (TestServer a = TestServer.start(env(Map.of("AUTH_DATABASE_URL", database)));
        TestServer b = TestServer.start(env(Map.of("AUTH_DATABASE_URL", database)))) {
      String key = create(a, admin(a), object("principal", "billing", "scopes", "invoices:read"));
      assertThat(awaitStatus(b, key, 200)).isEqualTo(200);

      new AccountClient(a).send("DELETE", "/auth/admin/api-keys/" + prefix(key), admin(a));
      long revokedAt = System.nanoTime();
      int status = awaitStatus(b, key, 401);
      long millis = (System.nanoTime() - revokedAt) / 1_000_000;

      assertThat(status).isEqualTo(401);
      assertThat(millis).isLessThan(3000);
    } finally {
      PostgresDatabases.drop(database);
    }
  }

  @Test
  void theCommandLineCreatesListsAndRevokesKeysThatARunningServerHonours() throws Exception {
    Path data = Files.createTempDirectory("apikey-cli");
    Map<String, String> env = env(Map.of("AUTH_DATA_DIR", data.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int created =
        ApiKeyCommand.run(
            new String[] {"create", "--principal", "ci", "--scope", "deploy:run"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            SettingsLoader.load(env));
    String key = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(created).as(err.toString(StandardCharsets.UTF_8)).isZero();

    try (TestServer server = TestServer.start(env)) {
      assertThat(awaitStatus(server, key, 200)).isEqualTo(200);
    }
    ByteArrayOutputStream listed = new ByteArrayOutputStream();
    ApiKeyCommand.run(
        new String[] {"list"},
        new PrintStream(listed, true, StandardCharsets.UTF_8),
        System.err,
        SettingsLoader.load(env));
    assertThat(listed.toString(StandardCharsets.UTF_8)).contains(prefix(key) + "  ci");
    int revoked =
        ApiKeyCommand.run(
            new String[] {"revoke", prefix(key)},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            System.err,
            SettingsLoader.load(env));
    assertThat(revoked).isZero();
    try (TestServer server = TestServer.start(env)) {
      assertThat(awaitStatus(server, key, 401)).isEqualTo(401);
    }
    dev.authgate.support.TempDirs.delete(data);
  }
}
