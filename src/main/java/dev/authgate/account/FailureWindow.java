package dev.authgate.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts per key within a sliding window. A key with {@code limit} failures inside the
 * window is blocked until the oldest of them leaves it. Memory stays bounded: at most {@code limit}
 * instants per key, and keys whose failures have all left the window are dropped.
 */
final class FailureWindow {
  private static final int PRUNE_ABOVE_KEYS = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  FailureWindow(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Counts an attempt as a failure before its outcome is known, so that concurrent attempts cannot
   * overrun the limit; {@link #release} takes it back when the attempt did not fail.
   *
   * @return how long the key stays blocked, in which case nothing is counted; empty when counted
   */
  Optional<Duration> tryAcquire(String key) {
    Instant now = clock.instant();
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      dropOld(times, now);
      if (times.size() >= limit) {
        return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
      }
      times.addLast(now);
    }
    if (failures.size() > PRUNE_ABOVE_KEYS) {
      prune(now);
    }
    return Optional.empty();
  }

  /** Takes back the latest counted attempt of the key. */
  void release(String key) {
    Deque<Instant> times = failures.get(key);
    if (times != null) {
      synchronized (times) {
        times.pollLast();
      }
    }
  }

  void reset(String key) {
    failures.remove(key);
  }

  private void prune(Instant now) {
    failures
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                dropOld(e.getValue(), now);
                return e.getValue().isEmpty();
              }
            });
  }

  private void dropOld(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
