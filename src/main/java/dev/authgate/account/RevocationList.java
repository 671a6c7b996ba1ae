package dev.authgate.account;

import dev.authgate.background.Schedulers;
import dev.authgate.gate.RevokedSessions;
import dev.authgate.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revoked session families, held in memory for /verify, which never waits on the database. A
 * background task reloads the families revoked since its previous run (with an overlap that covers
 * clock differences between instances and transactions that commit late), so that a logout on one
 * instance is refused by every other within one refresh interval. This instance adds its own
 * logouts at once. A family is kept until its last token has expired; when the store is down the
 * list keeps what it knows.
 */
public final class RevocationList implements RevokedSessions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RevocationList.class);
  static final Duration OVERLAP = Duration.ofMinutes(1);

  private final SessionStore sessions;
  private final Clock clock;
  private final Duration accessTtl;
  private final Map<String, Instant> families = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private volatile Instant since = Instant.EPOCH;
  private volatile boolean failing;

  /**
   * @param accessTtl how long an access token outlives the refresh session it was issued with, at
   *     most
   */
  public RevocationList(SessionStore sessions, Clock clock, Duration accessTtl) {
    this.sessions = sessions;
    this.clock = clock;
    this.accessTtl = accessTtl;
    this.scheduler = Schedulers.daemon("revocation-refresh");
  }

  /** Loads the list now, then again every {@code interval} in the background. */
  public RevocationList start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::reloadQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public boolean isRevoked(String sessionId) {
    return families.containsKey(sessionId);
  }

  /** Refuses the family's tokens on this instance from now on, until {@code lastExpiry}. */
  public void add(UUID familyId, Instant lastExpiry) {
    families.merge(familyId.toString(), lastExpiry.plus(accessTtl), RevocationList::later);
  }

  /** Reads the families revoked since the previous reload from the store. */
  void reload() {
    Instant started = clock.instant();
    sessions.revokedSince(since.minus(OVERLAP)).forEach(this::add);
    since = started;
    families.values().removeIf(until -> until.isBefore(started));
  }

  private void reloadQuietly() {
    try {
      reload();
      if (failing) {
        log.info("revocation list reloads again ({} revoked sessions)", families.size());
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn(
            "revocation list cannot be reloaded, keeping the {} sessions known: {}",
            families.size(),
            e.getMessage());
        failing = true;
      }
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
