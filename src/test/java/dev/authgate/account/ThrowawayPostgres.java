package dev.authgate.account;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authgate.support.TempDirs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster of this test's own, made the way .ci/postgres.sh makes the shared one, so
 * that a test may stop and start it without disturbing any other test.
 */
final class ThrowawayPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ThrowawayPostgres.class);
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final int port;

  private ThrowawayPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A running cluster with a database "authgate" owned by user authgate (password authgate). */
  static ThrowawayPostgres start() throws Exception {
    boolean usable =
        Files.isExecutable(BIN.resolve("initdb"))
            && "root".equals(System.getProperty("user.name"))
            && System.getenv(PostgresDatabases.VARIABLE) != null;
    if (!usable) {
      String message =
          "SKIPPED: this test starts and stops a PostgreSQL cluster of its own; it needs"
              + " PostgreSQL 15 under "
              + BIN
              + ", root (to run it as user postgres) and TEST_DATABASE_URL (the sign that this"
              + " is a run with PostgreSQL); it did NOT run";
      log.warn(message);
      assumeTrue(false, message);
    }
    Path dir = Files.createTempDirectory("authgate-pg-outage");
    run("chown", "postgres", dir.toString());
    ThrowawayPostgres pg = new ThrowawayPostgres(dir, freePort());
    asPostgres(
        BIN.resolve("initdb") + "",
        "-D",
        dir.resolve("data") + "",
        "-U",
        "postgres",
        "--auth=trust");
    pg.startAgain();
    asPostgres(
        BIN.resolve("psql") + "",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(pg.port),
        "-U",
        "postgres",
        "-q",
        "-c",
        "CREATE USER authgate PASSWORD 'authgate'",
        "-c",
        "CREATE DATABASE authgate OWNER authgate");
    return pg;
  }

  String url() {
    return "postgresql://authgate:authgate@127.0.0.1:" + port + "/authgate";
  }

  void stop() throws Exception {
    asPostgres(
        BIN.resolve("pg_ctl") + "",
        "-D",
        dir.resolve("data") + "",
        "-m",
        "immediate",
        "-w",
        "stop");
  }

  void startAgain() throws Exception {
    asPostgres(
        BIN.resolve("pg_ctl") + "",
        "-D",
        dir.resolve("data") + "",
        "-l",
        dir.resolve("log") + "",
        "-w",
        "start",
        "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off");
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (Exception e) {
      log.debug("cluster already stopped: {}", e.getMessage());
    }
    TempDirs.delete(dir);
  }

  private static void asPostgres(String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
