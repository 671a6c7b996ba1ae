package dev.authgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authgate.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The account store's connection pool: PostgreSQL when AUTH_DATABASE_URL is set, otherwise the
 * embedded H2 database under the data directory. The schema of both comes from the same Flyway
 * migrations in {@code db/migration}.
 *
 * <p>The pool opens without connecting, so authgate starts (and /verify answers) while the database
 * is down; each request that needs it waits at most the configured connect timeout.
 */
public final class Database implements AutoCloseable {
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  private final HikariDataSource pool;
  private final JdbcTarget target;
  private final List<Runnable> afterMigration = new CopyOnWriteArrayList<>();
  private volatile boolean migrated;

  private Database(HikariDataSource pool, JdbcTarget target) {
    this.pool = pool;
    this.target = target;
  }

  /** Reports the pool (connections active, idle, pending; wait times) to the metrics. */
  public Database reportTo(MeterRegistry registry) {
    pool.setMetricRegistry(registry);
    return this;
  }

  /** A pool for the configured store; nothing is connected yet. */
  public static Database open(Settings.Store store, Path dataDir) {
    JdbcTarget target =
        store.databaseUrl().map(JdbcTarget::postgres).orElseGet(() -> JdbcTarget.embedded(dataDir));
    HikariConfig config = new HikariConfig();
    config.setPoolName("authgate-store");
    config.setJdbcUrl(target.url());
    target.user().ifPresent(config::setUsername);
    target.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(store.poolSize());
    config.setMinimumIdle(Math.min(2, store.poolSize()));
    long timeout = Math.max(250, store.connectTimeout().toMillis());
    config.setConnectionTimeout(timeout);
    config.setValidationTimeout(Math.max(250, Math.min(timeout - 1, 1000)));
    config.setInitializationFailTimeout(-1);
    if (!target.embedded()) {
      long seconds = Math.max(1, store.connectTimeout().toSeconds());
      config.addDataSourceProperty("connectTimeout", seconds);
      config.addDataSourceProperty("loginTimeout", seconds);
      config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT.toSeconds());
      config.addDataSourceProperty("ApplicationName", "authgate");
    }
    return new Database(new HikariDataSource(config), target);
  }

  /**
   * Creates or upgrades the schema.
   *
   * @throws StoreUnavailable when the database cannot be reached
   */
  public void migrate() {
    try (Connection probe = pool.getConnection()) {
      probe.isValid(1);
    } catch (SQLException e) {
      throw new StoreUnavailable();
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      if (reachable()) {
        throw e;
      }
      throw new StoreUnavailable();
    }
  }

  /**
   * Migrates once, on the first use after the database answers: a store that was down at start-up
   * becomes usable when it comes back, without a restart.
   */
  void ensureMigrated() {
    if (migrated) {
      return;
    }
    boolean first = false;
    synchronized (this) {
      if (!migrated) {
        migrate();
        migrated = true;
        first = true;
      }
    }
    if (first) {
      afterMigration.forEach(Runnable::run);
    }
  }

  /** Runs the task once the schema is in place, for data that the service itself seeds. */
  public void afterMigration(Runnable task) {
    afterMigration.add(task);
  }

  /** Whether a connection can be had and answers, within the connect timeout. */
  public boolean reachable() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean embedded() {
    return target.embedded();
  }

  /** Where the store is, with any password masked: safe to log. */
  public String describe() {
    return target.embedded()
        ? "embedded store " + target.shown()
        : "PostgreSQL " + target.shown() + target.user().map(u -> " as " + u).orElse("");
  }

  @Override
  public void close() {
    pool.close();
  }
}
