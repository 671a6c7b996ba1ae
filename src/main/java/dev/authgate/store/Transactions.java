package dev.authgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs JDBC work on a pooled connection, in one transaction, and turns SQL failures into what they
 * mean to a caller: {@link StoreUnavailable} when the database cannot be reached, {@link
 * DuplicateKey} for a unique violation, and an {@link IllegalStateException} (a 500: a bug, not bad
 * input) for anything else.
 */
final class Transactions {
  /** Work that reads or writes through the connection it is given. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Database database;
  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  Transactions(Database database) {
    this.database = database;
  }

  <T> T run(Work<T> work) {
    database.ensureMigrated();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c);
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the pool discards it and the original failure is reported.
    }
  }

  private RuntimeException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (e instanceof SQLTransientConnectionException
        || state.startsWith("08")
        || state.startsWith("57P")
        || state.startsWith("53")) {
      logOutage(e);
      return new StoreUnavailable();
    }
    if (state.equals("23505")) {
      return new DuplicateKey(e.getMessage());
    }
    return new IllegalStateException("store query failed (SQLState " + state + ")", e);
  }

  /** Once per interval, so that an outage under load leaves a line, not a flood. */
  private void logOutage(SQLException e) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
      log.warn("account store unavailable: {} (SQLState {})", summary(e), e.getSQLState());
    }
  }

  private static String summary(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
