package dev.authgate.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Failed attempts per key within a sliding window, and the attempts whose outcome is not known yet.
 * An attempt in flight counts against the limit as if it would fail, so that concurrent attempts
 * cannot overrun it; it is not a failure, though, so a key blocked by attempts in flight alone is
 * blocked only until one of them ends, not for the window.
 *
 * <p>Every change to a key happens inside {@link ConcurrentHashMap#compute}, atomically with
 * dropping the key once nothing is counted. Memory stays bounded: at most {@code limit} instants
 * per key, and keys whose instants have all left the window are dropped. An attempt that is never
 * ended (a bug) stops counting when it leaves the window, so it cannot block a key for good.
 */
final class FailureWindow {
  /** How long a key blocked only by attempts in flight waits: each one ends after one bcrypt. */
  static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  private static final int PRUNE_ABOVE_KEYS = 10_000;

  /**
   * Why an attempt was refused and how long to wait.
   *
   * @param lockedOut true when the failures alone reach the limit, false when attempts in flight
   *     fill what the failures leave
   */
  record Refusal(Duration retryAfter, boolean lockedOut) {}

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Attempts> keys = new ConcurrentHashMap<>();

  FailureWindow(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Begins an attempt, unless the key's failures and attempts in flight already reach the limit.
   * Every attempt begun is ended by exactly one of {@link #failed}, {@link #withdrawn} or {@link
   * #forgiven}.
   *
   * @return why not, in which case nothing is counted; empty when the attempt is counted
   */
  Optional<Refusal> tryBegin(String key) {
    Instant now = clock.instant();
    Refusal[] refusal = {null};
    change(
        key,
        a -> {
          a.dropOld(now.minus(window));
          if (a.failures.size() >= limit) {
            refusal[0] =
                new Refusal(Duration.between(now, a.failures.peekFirst().plus(window)), true);
          } else if (a.failures.size() + a.inFlight.size() >= limit) {
            refusal[0] = new Refusal(IN_FLIGHT_RETRY, false);
          } else {
            a.inFlight.addLast(now);
          }
        });
    if (keys.size() > PRUNE_ABOVE_KEYS) {
      prune(now);
    }
    return Optional.ofNullable(refusal[0]);
  }

  /** Ends an attempt as a failure, counted for the window from now. */
  void failed(String key) {
    Instant now = clock.instant();
    change(
        key,
        a -> {
          a.inFlight.pollFirst();
          a.failures.addLast(now);
        });
  }

  /** Ends an attempt that did not fail (it succeeded, or ended before the password was checked). */
  void withdrawn(String key) {
    change(key, a -> a.inFlight.pollFirst());
  }

  /** Ends an attempt that succeeded, and forgets the key's failures. */
  void forgiven(String key) {
    change(
        key,
        a -> {
          a.inFlight.pollFirst();
          a.failures.clear();
        });
  }

  private void change(String key, Consumer<Attempts> change) {
    keys.compute(
        key,
        (k, attempts) -> {
          Attempts a = attempts == null ? new Attempts() : attempts;
          change.accept(a);
          return a.isEmpty() ? null : a;
        });
  }

  private void prune(Instant now) {
    Instant cutoff = now.minus(window);
    for (String key : keys.keySet()) {
      keys.computeIfPresent(
          key,
          (k, a) -> {
            a.dropOld(cutoff);
            return a.isEmpty() ? null : a;
          });
    }
  }

  /** One key's counts; only touched inside the map's compute, which holds the key's lock. */
  private static final class Attempts {
    final ArrayDeque<Instant> failures = new ArrayDeque<>();
    final ArrayDeque<Instant> inFlight = new ArrayDeque<>();

    void dropOld(Instant cutoff) {
      dropOld(failures, cutoff);
      dropOld(inFlight, cutoff);
    }

    boolean isEmpty() {
      return failures.isEmpty() && inFlight.isEmpty();
    }

    private static void dropOld(ArrayDeque<Instant> times, Instant cutoff) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.removeFirst();
      }
    }
  }
}
