package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.cli.Migrate;
import dev.authgate.cli.UserAdd;
import dev.authgate.config.Settings;
import dev.authgate.config.SettingsLoader;
import dev.authgate.support.TempDirs;
import dev.authgate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code authgate migrate} and {@code authgate user add}, against each store. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path dataDir;
  private Map<String, String> env;
  private StoreKind kind;

  @BeforeEach
  void dataDir() throws Exception {
    dataDir = Files.createTempDirectory("authgate-cli");
  }

  @AfterEach
  void cleanUp() {
    TempDirs.delete(dataDir);
    if (kind != null) {
      kind.release(env);
    }
  }

  private Settings settings(StoreKind store) {
    kind = store;
    env = new HashMap<>(store.env());
    env.put("AUTH_DATA_DIR", dataDir.toString());
    return SettingsLoader.load(env);
  }

  private int userAdd(Settings settings, String password, String... args) {
    return UserAdd.run(
        args,
        new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        settings);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void migratesAndBootstrapsAnAdminWhoCanSignInAndAdminister(StoreKind store) {
    Settings settings = settings(store);

    int migrated =
        Migrate.run(
            settings,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int added =
        userAdd(
            settings, "first admin pw", "add", "--email", "boss@example.com", "--role", "admin");

    assertThat(migrated).as(err.toString()).isZero();
    assertThat(added).as(err.toString()).isZero();
    assertThat(out.toString()).contains("is up to date").contains("created boss@example.com");
    assertThat(out.toString()).contains("roles [admin, user]");
    try (TestServer server = TestServer.start(env)) {
      AccountClient client = new AccountClient(server);
      String token =
          client.signIn("boss@example.com", "first admin pw").get("access_token").asText();
      assertThat(client.get("/auth/admin/users?email=boss@example.com", token).statusCode())
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void grantsTheRoleWhenTheUserExistsAndRefusesABadPassword(StoreKind store) {
    Settings settings = settings(store);
    userAdd(settings, "a good password", "add", "--email", "ed@example.com");

    int again = userAdd(settings, "", "add", "--email", "ED@example.com", "--role", "editor");
    int weak = userAdd(settings, "short", "add", "--email", "new@example.com");

    assertThat(again).isZero();
    assertThat(out.toString()).contains("granted ed@example.com").contains("[editor, user]");
    assertThat(weak).isEqualTo(1);
    assertThat(err.toString()).contains("password must be at least 8 characters");
  }
}
