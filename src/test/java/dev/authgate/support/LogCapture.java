package dev.authgate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** The lines a logger writes while this is open, for tests that check what is logged. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(String loggerName) {
    return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
  }

  /** The lines so far; server threads append while tests read. */
  public List<ILoggingEvent> lines() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  public void clear() {
    synchronized (appender.list) {
      appender.list.clear();
    }
  }

  /** A line's key-value pairs, the values as strings (or null). */
  public static Map<String, String> fields(ILoggingEvent line) {
    return line.getKeyValuePairs().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> Objects.toString(kv.value)));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
