package dev.authgate.account;

import dev.authgate.background.Schedulers;
import dev.authgate.gate.ApiKeyCheck;
import dev.authgate.store.ApiKeyStore;
import dev.authgate.token.Identity;
import dev.authgate.token.Reason;
import dev.authgate.token.Rejection;
import dev.authgate.token.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API key, held in memory by prefix and reloaded whole in the background like the revocation
 * list, so that /verify never queries for a key and a key revoked on one instance is refused by
 * every other within one refresh interval. When the store is down the keys known stay.
 *
 * <p>The checks, in order: the key is well formed; its prefix is known; its hash matches; it is not
 * revoked; it has not expired; its principal is active.
 */
public final class ApiKeyList implements ApiKeyCheck, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyList.class);

  private final ApiKeyStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private volatile Map<String, ApiKeyStore.StoredKey> byPrefix = Map.of();
  private volatile boolean failing;

  public ApiKeyList(ApiKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.scheduler = Schedulers.daemon("api-key-refresh");
  }

  /** Loads the keys now, then again every {@code interval} in the background. */
  public ApiKeyList start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::reloadQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public Verification check(String key) {
    Optional<String> prefix = ApiKeyFormat.prefix(key);
    if (prefix.isEmpty()) {
      return refused(Reason.UNKNOWN_API_KEY, "malformed API key: expected agk_<prefix>_<secret>");
    }
    ApiKeyStore.StoredKey stored = byPrefix.get(prefix.get());
    if (stored == null || !ApiKeyFormat.matches(key, stored.hash())) {
      return refused(Reason.UNKNOWN_API_KEY, "unknown API key agk_" + prefix.get());
    }
    Instant now = clock.instant();
    if (stored.revokedAt() != null) {
      return refused(Reason.API_KEY_REVOKED, "API key agk_" + prefix.get() + " has been revoked");
    }
    if (stored.expiresAt() != null && !stored.expiresAt().isAfter(now)) {
      return refused(
          Reason.API_KEY_EXPIRED,
          "API key agk_" + prefix.get() + " expired at " + stored.expiresAt());
    }
    ApiKeyStore.Principal p = stored.principal();
    if (!p.active()) {
      return refused(Reason.API_KEY_REVOKED, "service principal '" + p.name() + "' is not active");
    }
    return new Verification.Verified(
        new Identity(p.name(), Optional.empty(), java.util.List.of(), p.scopes()),
        "api key",
        null,
        stored.expiresAt() == null ? now.plus(Duration.ofDays(1)) : stored.expiresAt());
  }

  /** Reads every key from the store. */
  void reload() {
    Map<String, ApiKeyStore.StoredKey> next = new HashMap<>();
    for (ApiKeyStore.StoredKey key : store.all()) {
      next.put(key.prefix(), key);
    }
    byPrefix = Map.copyOf(next);
  }

  private void reloadQuietly() {
    try {
      reload();
      if (failing) {
        log.info("API keys reload again ({} keys)", byPrefix.size());
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn(
            "API keys cannot be reloaded, keeping the {} keys known: {}",
            byPrefix.size(),
            e.getMessage());
        failing = true;
      }
    }
  }

  private static Verification refused(Reason reason, String why) {
    return new Verification.Refused(new Rejection(reason, why));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
