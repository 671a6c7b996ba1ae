package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.authgate.config.ConfigException;
import dev.authgate.config.SettingsLoader;
import dev.authgate.support.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database password never reaches the log, at any level, whether the database answers or not.
 */
class PasswordNotLoggedTest {
  private static final String PASSWORD = "Sw0rdfish-never-logged";
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Logger> raised = new ArrayList<>();
  private final List<Level> before = new ArrayList<>();

  @BeforeEach
  void captureEverything() {
    for (String name :
        List.of(
            org.slf4j.Logger.ROOT_LOGGER_NAME,
            "dev.authgate",
            "com.zaxxer",
            "org.flywaydb",
            "org.postgresql")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      raised.add(logger);
      before.add(logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    events.start();
    root.addAppender(events);
  }

  @AfterEach
  void restore() {
    root.detachAppender(events);
    for (int i = 0; i < raised.size(); i++) {
      raised.get(i).setLevel(before.get(i));
    }
  }

  @Test
  void neverLogsThePasswordOfAnUnreachableDatabase() {
    String url = "postgresql://authgate:" + PASSWORD + "@127.0.0.1:1/authgate";
    try (TestServer server =
        TestServer.start(Map.of("AUTH_DATABASE_URL", url, "AUTH_DB_CONNECT_TIMEOUT", "1s"))) {
      assertThat(server.get("/healthz").statusCode()).isEqualTo(503);
      assertThat(new AccountClient(server).login("a@example.com", "password1").statusCode())
          .isEqualTo(503);
    }

    assertThat(events.list).isNotEmpty();
    assertThat(logged()).doesNotContain(PASSWORD);
  }

  @Test
  void neverLogsThePasswordOfADatabaseItConnectsTo() {
    URI server = URI.create(PostgresDatabases.serverUrl());
    String url =
        "postgresql://authgate:"
            + PASSWORD
            + "@"
            + server.getHost()
            + ":"
            + server.getPort()
            + server.getPath();
    try (TestServer running =
        TestServer.start(Map.of("AUTH_DATABASE_URL", url, "AUTH_DB_CONNECT_TIMEOUT", "1s"))) {
      assertThat(new AccountClient(running).login("a@example.com", "password1").statusCode())
          .isEqualTo(401);
    }

    assertThat(logged()).doesNotContain(PASSWORD);
  }

  @Test
  void masksThePasswordInAConfigurationError() {
    String bad = "mysql://authgate:" + PASSWORD + "@db/auth";

    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class, () -> SettingsLoader.load(Map.of("AUTH_DATABASE_URL", bad)));

    assertThat(e.getMessage()).contains("AUTH_DATABASE_URL").doesNotContain(PASSWORD);
  }

  private String logged() {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : events.list) {
      all.append(e.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        all.append(t.getMessage()).append('\n');
      }
    }
    return all.toString();
  }
}
