package dev.authgate.account;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh databases on the PostgreSQL server named by TEST_DATABASE_URL, one per test class, so tests
 * never see each other's rows. Without TEST_DATABASE_URL the calling test is skipped, loudly.
 */
final class PostgresDatabases {
  private static final Logger log = LoggerFactory.getLogger(PostgresDatabases.class);
  static final String VARIABLE = "TEST_DATABASE_URL";

  private PostgresDatabases() {}

  /** The server's URL, or skips the test with a message that says how to run it. */
  static String serverUrl() {
    String url = System.getenv(VARIABLE);
    if (url == null || url.isBlank()) {
      String message =
          "SKIPPED: PostgreSQL tests need TEST_DATABASE_URL (bash .ci/run starts a server and sets"
              + " it); they did NOT run";
      log.warn(message);
      assumeTrue(false, message);
    }
    return url;
  }

  /** A new, empty database on the server, as a postgresql:// URL with the same credentials. */
  static String create() {
    String server = serverUrl();
    String name = "authgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE DATABASE " + name);
    URI uri = URI.create(server);
    return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name;
  }

  static void drop(String url) {
    String name = URI.create(url).getPath().substring(1);
    execute(serverUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Runs one statement on the database of a postgresql:// URL. */
  static void execute(String url, String sql) {
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static Connection connect(String url) throws SQLException {
    URI uri = URI.create(url);
    String[] user = uri.getRawUserInfo().split(":", 2);
    return DriverManager.getConnection(
        "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
        user[0],
        user.length > 1 ? user[1] : null);
  }
}
