package dev.authgate.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of an external issuer, fetched from its JWKS and held in memory. Lookups of known keys
 * read an immutable snapshot and never wait.
 *
 * <p>Fetches, all of them on this issuer's own thread so that a slow provider holds up no other
 * issuer:
 *
 * <ul>
 *   <li>one at start-up, without waiting for it;
 *   <li>one when the keys are older than the cache lifetime (the request goes on with the keys it
 *       has, so a provider that is down leaves the cached keys working, while a key the provider
 *       removed stops being trusted once a fetch succeeds);
 *   <li>one for an unknown kid, which that request waits for, bounded by the timeouts.
 * </ul>
 *
 * At most one fetch starts per refetch interval, whatever asks for it. A request refused by that
 * limit fails at once, and leaves behind a single fetch scheduled for the end of the interval, so a
 * flood of made-up kids costs the provider one fetch per interval and cannot keep a key the
 * provider really rotated in from being found: it is trusted at most one interval later.
 */
final class RemoteKeys implements KeySource {
  private static final Logger log = LoggerFactory.getLogger(RemoteKeys.class);

  private final String issuer;
  private final JwksSource source;
  private final Set<String> algorithms;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration refetchInterval;
  private final Duration longestWait;
  private final ScheduledThreadPoolExecutor fetcher;
  private final Object lock = new Object();
  private volatile RemoteKeySet keys = RemoteKeySet.NONE;
  private CompletableFuture<RemoteKeySet> inFlight;
  private Instant lastFetch;
  private boolean trailingFetch;

  RemoteKeys(
      String issuer,
      JwksSource source,
      Set<String> algorithms,
      Clock clock,
      Duration cacheTtl,
      Duration refetchInterval,
      Duration timeout) {
    this.issuer = issuer;
    this.source = source;
    this.algorithms = Set.copyOf(algorithms);
    this.clock = clock;
    this.cacheTtl = cacheTtl;
    this.refetchInterval = refetchInterval;
    // a discovery document and then the key set, each with a connect and a read timeout
    this.longestWait = timeout.multipliedBy(4).plusMillis(500);
    this.fetcher = fetcherThread(issuer);
  }

  /** Starts the first fetch without waiting for it. */
  RemoteKeys prefetch() {
    requestFetch();
    return this;
  }

  @Override
  public Lookup find(String kid, String algorithm) {
    RemoteKeySet known = keys;
    if (known.olderThan(cacheTtl, clock.instant())) {
      requestFetch();
    }
    Lookup found = known.find(kid, algorithm);
    if (found != null) {
      return found;
    }
    CompletableFuture<RemoteKeySet> fetch = requestFetch();
    if (fetch != null) {
      found = await(fetch).find(kid, algorithm);
    }
    if (found != null) {
      return found;
    }
    return Lookup.refused(
        kid == null ? Rejection.noKeyWithoutKid(algorithm) : Rejection.unknownKid(kid));
  }

  @Override
  public List<String> knownKids() {
    return keys.byKid().keySet().stream().sorted().toList();
  }

  /** The fetch under way or just started; null when the interval allows none now. */
  private CompletableFuture<RemoteKeySet> requestFetch() {
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      Instant now = clock.instant();
      Instant allowed = lastFetch == null ? now : lastFetch.plus(refetchInterval);
      if (now.isBefore(allowed)) {
        scheduleTrailingFetch(Duration.between(now, allowed));
        return null;
      }
      return startFetch(now);
    }
  }

  private void scheduleTrailingFetch(Duration delay) {
    if (trailingFetch) {
      return;
    }
    trailingFetch = true;
    fetcher.schedule(
        () -> {
          synchronized (lock) {
            trailingFetch = false;
            if (inFlight == null) {
              startFetch(clock.instant());
            }
          }
        },
        delay.toMillis() + 1,
        TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<RemoteKeySet> startFetch(Instant now) {
    lastFetch = now;
    CompletableFuture<RemoteKeySet> fetch = CompletableFuture.supplyAsync(this::fetchOnce, fetcher);
    inFlight = fetch;
    fetch.whenComplete(
        (k, e) -> {
          synchronized (lock) {
            inFlight = null;
          }
        });
    return fetch;
  }

  private RemoteKeySet fetchOnce() {
    RemoteKeySet previous = keys;
    try {
      RemoteKeySet next =
          RemoteKeySet.of(source.fetch(), algorithms, clock.instant(), source.describe(), log);
      keys = next;
      if (!next.byKid().keySet().equals(previous.byKid().keySet())) {
        log.info(
            "keys of issuer \"{}\" fetched from {}: kids {}",
            issuer,
            source.describe(),
            next.byKid().keySet());
      }
      return next;
    } catch (JwksUnavailable e) {
      log.warn(
          "keys of issuer \"{}\" not fetched; the {} keys held stay in force: {}",
          issuer,
          previous.all().size(),
          e.getMessage());
      return previous;
    } catch (RuntimeException e) {
      log.error("keys of issuer \"{}\" not fetched from {}", issuer, source.describe(), e);
      return previous;
    }
  }

  private RemoteKeySet await(CompletableFuture<RemoteKeySet> fetch) {
    try {
      return fetch.get(longestWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return keys;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return keys;
    }
  }

  /** One daemon thread that goes away when idle, so an idle issuer holds no thread. */
  private static ScheduledThreadPoolExecutor fetcherThread(String issuer) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "jwks-fetch " + issuer);
              t.setDaemon(true);
              return t;
            });
    executor.setKeepAliveTime(5, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
