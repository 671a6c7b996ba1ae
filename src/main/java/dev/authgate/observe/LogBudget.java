package dev.authgate.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most a number of log lines per window, so a client hammering /verify with bad tokens cannot
 * flood the log. What was held back is counted and told with the first line of the next window.
 */
public final class LogBudget {
  private final Clock clock;
  private final Duration window;
  private final int lines;
  private Instant windowStart = Instant.MIN;
  private int used;
  private long suppressed;

  public LogBudget(Clock clock, Duration window, int lines) {
    this.clock = clock;
    this.window = window;
    this.lines = lines;
  }

  /** What a caller may do with one line: log it (after telling how many were held back) or not. */
  public record Grant(boolean log, long suppressedBefore) {}

  public synchronized Grant take() {
    Instant now = clock.instant();
    long held = 0;
    if (windowStart == Instant.MIN || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      used = 0;
      held = suppressed;
      suppressed = 0;
    }
    if (used < lines) {
      used++;
      return new Grant(true, held);
    }
    suppressed++;
    return new Grant(false, 0);
  }

  public Duration window() {
    return window;
  }
}
