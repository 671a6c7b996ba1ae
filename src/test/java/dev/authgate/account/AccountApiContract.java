package dev.authgate.account;

import static dev.authgate.account.AccountClient.PASSWORD;
import static dev.authgate.account.AccountClient.json;
import static dev.authgate.account.AccountClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authgate.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The account endpoints, against one store; a subclass per store runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountApiContract {
  static final String ADMIN = "root@example.com";
  static final String ADMIN_PASSWORD = "admin password";
  static final String INTROSPECTION_SECRET = "an introspection secret of at least 32 bytes";

  TestServer server;
  AccountClient client;
  private Map<String, String> env;

  abstract StoreKind store();

  @BeforeAll
  void start() {
    env = store().env();
    Map<String, String> all = new HashMap<>(env);
    all.put("AUTH_ADMIN_EMAIL", ADMIN);
    all.put("AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    all.put("AUTH_INTROSPECTION_SECRET", INTROSPECTION_SECRET);
    all.put("AUTH_HASH_QUEUE", "64");
    server = TestServer.start(all);
    client = new AccountClient(server);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (env != null) {
      store().release(env);
    }
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  long count(String sql) {
    try (Connection c = server.service().accounts().database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void registersAUserAndAnswersItsIdEmailNameAndRoles() {
    String email = unique("Ann");
    HttpResponse<String> r =
        client.post("/auth/register", object("email", email, "password", PASSWORD, "name", "Ann"));

    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode body = json(r);
    assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
    assertThat(body.get("email").asText()).isEqualTo(email);
    assertThat(body.get("name").asText()).isEqualTo("Ann");
    assertThat(body.get("roles").toString()).isEqualTo("[\"user\"]");
  }

  @Test
  void refusesAnEmailThatExistsInAnyLetterCase() {
    String email = unique("case");
    assertThat(client.register(email, PASSWORD).statusCode()).isEqualTo(201);

    HttpResponse<String> again = client.register(email.toUpperCase(), PASSWORD);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").asText()).isEqualTo("email_taken");
  }

  @Test
  void refusesAPasswordShorterThanEightCharacters() {
    HttpResponse<String> r = client.register(unique("short"), "seven77");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).isEqualTo("password must be at least 8 characters");
  }

  @Test
  void refusesAPasswordLongerThan72BytesRatherThanTruncatingIt() {
    HttpResponse<String> r = client.register(unique("long"), "é".repeat(37));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("message").asText())
        .isEqualTo(
            "password is longer than 72 bytes in UTF-8: bcrypt ignores bytes after 72; we refuse"
                + " rather than truncate silently");
  }

  @Test
  void signsInWithTokensThatVerifyAndCarryTheSession() {
    String email = unique("sign");
    client.register(email, PASSWORD);

    HttpResponse<String> r = client.login(email.toUpperCase(), PASSWORD);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json(r);
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isBetween(890L, 900L);
    assertThat(body.get("user").get("email").asText()).isEqualTo(email);
    assertThat(body.get("user").get("permissions").isArray()).isTrue();
    HttpResponse<String> verified = server.verify(body.get("access_token").asText());
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.headers().firstValue("X-User-Id"))
        .hasValue(body.get("user").get("id").asText());
    assertThat(server.verify(body.get("refresh_token").asText()).statusCode()).isEqualTo(401);
  }

  @Test
  void answersAnUnknownEmailAndAWrongPasswordAlike() {
    String email = unique("alike");
    client.register(email, PASSWORD);

    HttpResponse<String> wrong = client.login(email, "wrong password");
    HttpResponse<String> unknown = client.login(unique("nobody"), PASSWORD);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(wrong.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
  }

  @Test
  void refusesMissingFieldsNamingThem() {
    HttpResponse<String> r = client.post("/auth/login", object("email", unique("x")));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).isEqualTo("password is required");
  }

  @Test
  void rotatesTheRefreshTokenAndRevokesTheFamilyWhenASpentOneComesBack() {
    JsonNode first = client.signUp(unique("rotate"));
    String spent = first.get("refresh_token").asText();

    HttpResponse<String> rotated = client.refresh(spent);
    assertThat(rotated.statusCode()).isEqualTo(200);
    JsonNode second = json(rotated);
    assertThat(second.get("refresh_token").asText()).isNotEqualTo(spent);
    assertThat(server.verify(second.get("access_token").asText()).statusCode()).isEqualTo(200);

    HttpResponse<String> replay = client.refresh(spent);

    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(json(replay).get("message").asText())
        .isEqualTo("refresh token was already used: the session is revoked, sign in again");
    assertThat(client.refresh(second.get("refresh_token").asText()).statusCode()).isEqualTo(401);
    assertThat(server.verify(second.get("access_token").asText()).statusCode()).isEqualTo(401);
    assertThat(server.verify(first.get("access_token").asText()).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesAnAccessTokenAtRefreshAsNotARefreshToken() {
    JsonNode session = client.signUp(unique("notrefresh"));

    HttpResponse<String> r = client.refresh(session.get("access_token").asText());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).get("message").asText()).isEqualTo("not a refresh token");
  }

  @Test
  void refusesAnExpiredRefreshTokenSayingSo() {
    JsonNode session = client.signUp(unique("expired"));
    String subject = session.get("user").get("id").asText();
    String expired =
        server
            .service()
            .tokens()
            .refresh(subject, UUID.randomUUID().toString(), java.time.Duration.ofSeconds(-60))
            .token();

    HttpResponse<String> r = client.refresh(expired);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).get("message").asText()).startsWith("expired ");
  }

  @Test
  void logoutRevokesTheAccessTokenAtVerifyAtOnceAndTheRefreshToken() {
    JsonNode session = client.signUp(unique("logout"));
    String access = session.get("access_token").asText();

    HttpResponse<String> r = client.post("/auth/logout", "", access);

    assertThat(r.statusCode()).isEqualTo(204);
    HttpResponse<String> verify = server.verify(access);
    assertThat(verify.statusCode()).isEqualTo(401);
    assertThat(verify.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("token has been revoked");
    HttpResponse<String> refresh = client.refresh(session.get("refresh_token").asText());
    assertThat(refresh.statusCode()).isEqualTo(401);
    assertThat(json(refresh).get("message").asText()).isEqualTo("refresh token has been revoked");
  }

  @Test
  void logoutWithTheRefreshTokenInTheBodyRevokesItsFamily() {
    JsonNode session = client.signUp(unique("logoutbody"));

    HttpResponse<String> r =
        client.post("/auth/logout", object("refresh_token", session.get("refresh_token").asText()));

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(server.verify(session.get("access_token").asText()).statusCode()).isEqualTo(401);
  }

  @Test
  void meAnswersTheStoredUser() {
    String email = unique("me");
    JsonNode session = client.signUp(email);

    HttpResponse<String> r = client.get("/auth/me", session.get("access_token").asText());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("email").asText()).isEqualTo(email);
    assertThat(json(r).get("active").asBoolean()).isTrue();
    assertThat(server.get("/auth/me").statusCode()).isEqualTo(401);
  }

  @Test
  void introspectionIsRefusedToAnonymousAndPlainUsers() {
    JsonNode user = client.signUp(unique("plain"));
    String token = user.get("access_token").asText();

    HttpResponse<String> anonymous = client.post("/auth/introspect", object("token", token));
    HttpResponse<String> plain = client.post("/auth/introspect", object("token", token), token);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(plain.statusCode()).isEqualTo(403);
  }

  @Test
  void introspectsForTheSecretAsAFormAndForAnAdminAsJson() {
    JsonNode user = client.signUp(unique("introspected"));
    String token = user.get("access_token").asText();
    String basic = Base64.getEncoder().encodeToString(("svc:" + INTROSPECTION_SECRET).getBytes());

    HttpResponse<String> form =
        server.send(
            "/auth/introspect",
            b ->
                b.header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
    String admin = client.signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
    HttpResponse<String> byAdmin =
        client.post("/auth/introspect", object("token", user.get("refresh_token").asText()), admin);
    HttpResponse<String> garbage =
        client.post("/auth/introspect", object("token", "not.a.token"), INTROSPECTION_SECRET);

    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(json(form).get("active").asBoolean()).isTrue();
    assertThat(json(form).get("sub").asText()).isEqualTo(user.get("user").get("id").asText());
    assertThat(json(byAdmin).get("token_type").asText()).isEqualTo("refresh_token");
    assertThat(json(byAdmin).get("active").asBoolean()).isTrue();
    assertThat(garbage.body()).isEqualTo("{\"active\":false}");
  }

  @Test
  void anAdminGrantsAndRevokesRolesAndPermissions() {
    JsonNode user = client.signUp(unique("managed"));
    String id = user.get("user").get("id").asText();
    String admin = client.signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
    String base = "/auth/admin/users/" + id;

    assertThat(client.send("PUT", base + "/roles/editor", admin).statusCode()).isEqualTo(200);
    HttpResponse<String> granted = client.send("PUT", base + "/permissions/docs:read", admin);
    assertThat(json(granted).get("roles").toString()).isEqualTo("[\"editor\",\"user\"]");
    assertThat(json(granted).get("permissions").toString()).isEqualTo("[\"docs:read\"]");
    HttpResponse<String> revoked = client.send("DELETE", base + "/roles/editor", admin);
    assertThat(json(revoked).get("roles").toString()).isEqualTo("[\"user\"]");
    JsonNode relogin = client.signIn(user.get("user").get("email").asText());
    assertThat(
            server
                .verify(relogin.get("access_token").asText())
                .headers()
                .firstValue("X-User-Permissions"))
        .hasValue("docs:read");
  }

  @Test
  void refusesAnInvalidPermissionWithTheRuleItBreaks() {
    String id = client.signUp(unique("perm")).get("user").get("id").asText();
    String admin = client.signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
    String base = "/auth/admin/users/" + id + "/permissions/";

    HttpResponse<String> noColon = client.send("PUT", base + "docs", admin);
    HttpResponse<String> upper = client.send("PUT", base + "Docs_1:read", admin);

    assertThat(noColon.statusCode()).isEqualTo(400);
    assertThat(json(noColon).get("message").asText()).contains("must follow resource:action");
    assertThat(upper.statusCode()).isEqualTo(400);
    assertThat(json(upper).get("message").asText())
        .startsWith("resource contains invalid characters: D_");
  }

  @Test
  void honoursAWildcardPermissionWhereAdministrationIsChecked() {
    JsonNode deputy = client.signUp(unique("deputy"));
    String target = client.signUp(unique("target")).get("user").get("id").asText();
    String admin = client.signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
    String deputyToken = deputy.get("access_token").asText();
    String grant = "/auth/admin/users/" + target + "/roles/editor";

    assertThat(client.send("PUT", grant, deputyToken).statusCode()).isEqualTo(403);
    client.send(
        "PUT",
        "/auth/admin/users/" + deputy.get("user").get("id").asText() + "/permissions/users:*",
        admin);

    assertThat(client.send("PUT", grant, deputyToken).statusCode()).isEqualTo(200);
  }

  @Test
  void deactivatingAUserEndsItsSessionsAndRefusesItsLogin() {
    String email = unique("deactivated");
    JsonNode user = client.signUp(email);
    String admin = client.signIn(ADMIN, ADMIN_PASSWORD).get("access_token").asText();

    HttpResponse<String> r =
        client.send(
            "POST",
            "/auth/admin/users/" + user.get("user").get("id").asText() + "/deactivate",
            admin);

    assertThat(json(r).get("active").asBoolean()).isFalse();
    assertThat(server.verify(user.get("access_token").asText()).statusCode()).isEqualTo(401);
    HttpResponse<String> login = client.login(email, PASSWORD);
    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(json(login).get("error").asText()).isEqualTo("account_disabled");
    assertThat(client.login(email, "wrong password").statusCode()).isEqualTo(401);
  }

  @Test
  void storesAnApostropheInAnEmailLiterallyThroughPreparedStatements() {
    String email = "o'brien-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";

    assertThat(client.register(email, PASSWORD).statusCode()).isEqualTo(201);
    assertThat(client.signIn(email).get("user").get("email").asText()).isEqualTo(email);
  }

  @Test
  void fiftyParallelRegistrationsOfOneEmailCreateExactlyOneUser() throws Exception {
    String email = unique("race");
    List<Integer> statuses =
        parallel(
            50,
            i -> client.register(i % 2 == 0 ? email : email.toUpperCase(), PASSWORD).statusCode());

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
    assertThat(count("SELECT COUNT(*) FROM users WHERE email_key = '" + email.toLowerCase() + "'"))
        .isEqualTo(1);
  }

  @Test
  void tenParallelRefreshesOfOneTokenYieldExactlyOnePairAndOneSuccessor() throws Exception {
    JsonNode session = client.signUp(unique("refreshrace"));
    String refresh = session.get("refresh_token").asText();
    String family = sid(session.get("access_token").asText());

    List<Integer> statuses = parallel(10, i -> client.refresh(refresh).statusCode());

    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 401).hasSize(9);
    String inFamily = "FROM refresh_sessions WHERE family_id = '" + family + "'";
    assertThat(count("SELECT COUNT(*) " + inFamily)).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) " + inFamily + " AND replaced_by IS NOT NULL")).isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) "
                    + inFamily
                    + " AND replaced_by IN (SELECT id "
                    + inFamily
                    + " AND replaced_by IS NULL)"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) " + inFamily + " AND revoked_at IS NULL")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.authgate.account.BadInput#cases")
  void answersBadInputWithAClearClientErrorAndStoresNothing(BadInput input) {
    long before = count("SELECT COUNT(*) FROM users");

    HttpResponse<String> r =
        server.send(
            "/auth/register",
            b -> {
              input.contentType().ifPresent(t -> b.header("Content-Type", t));
              return b.POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
            });

    assertThat(r.statusCode()).as(r.body()).isEqualTo(input.status());
    assertThat(json(r).get("error").asText()).isNotBlank();
    assertThat(json(r).get("message").asText()).contains(input.saying());
    assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(before);
  }

  private static String sid(String accessToken) {
    String payload = accessToken.split("\\.")[1];
    try {
      return AccountClient.JSON
          .readTree(Base64.getUrlDecoder().decode(payload))
          .get("sid")
          .asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the call n times at once, released together, and collects the results. */
  static <T> List<T> parallel(int n, IntFunction<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
