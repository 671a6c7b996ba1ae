package dev.authgate.gate;

import dev.authgate.token.Reason;
import dev.authgate.token.Verification;
import dev.authgate.token.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers recent answers of a {@link Verifier}, so that a token a client repeats costs one
 * signature check and then a map lookup.
 *
 * <p>The key is the whole token. The verifier's answer depends on nothing else but the keys and
 * issuers in force, which {@link #invalidateAll} follows, and the time, which the entries follow:
 *
 * <ul>
 *   <li>an acceptance is kept until the earlier of the token's {@code exp} and the TTL;
 *   <li>a refusal is kept for the TTL only when it cost a signature check and its sentence cannot
 *       change as time passes (a bad signature, a refresh token, ...). Refusals about time
 *       (expired, not yet valid) are always worked out again, and so are malformed tokens, which
 *       cost less to parse than to remember.
 * </ul>
 *
 * Revocation and access rules are not part of the answer kept here: the gate applies them to every
 * request, cached or not.
 *
 * <p>Each map holds at most its capacity and starts over when full: a hit costs one lookup and no
 * bookkeeping, and with more active tokens than entries most lookups would miss anyway. Refusals
 * have their own, smaller map, so that a flood of forged tokens cannot push out real users.
 */
public final class DecisionCache implements Verifier {
  static final Duration TTL = Duration.ofSeconds(30);
  static final int ACCEPTED_CAPACITY = 4096;
  static final int REFUSED_CAPACITY = 1024;

  private static final Set<Reason> KEPT_REFUSALS =
      EnumSet.of(
          Reason.BAD_SIGNATURE,
          Reason.MISSING_EXP,
          Reason.AUDIENCE_MISMATCH,
          Reason.MISSING_SUB,
          Reason.REFRESH_TOKEN,
          Reason.NOT_ACCESS_TOKEN);

  private final Verifier verifier;
  private final Clock clock;
  private final long ttlMillis;
  private final Bounded accepted;
  private final Bounded refused;
  private final AtomicLong generation = new AtomicLong();

  private record Entry(Verification result, long untilMillis, long generation) {}

  public DecisionCache(
      Verifier verifier, Clock clock, Duration ttl, int acceptedCapacity, int refusedCapacity) {
    this.verifier = verifier;
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
    this.accepted = new Bounded(acceptedCapacity);
    this.refused = new Bounded(refusedCapacity);
  }

  /** A cache with the TTL and capacities authgate runs with. */
  public static DecisionCache standard(Verifier verifier, Clock clock) {
    return new DecisionCache(verifier, clock, TTL, ACCEPTED_CAPACITY, REFUSED_CAPACITY);
  }

  @Override
  public Verification verify(String token) {
    long now = clock.millis();
    long current = generation.get();
    Verification known = lookup(accepted, token, now, current);
    if (known == null) {
      known = lookup(refused, token, now, current);
    }
    if (known != null) {
      return known;
    }
    Verification fresh = verifier.verify(token);
    remember(token, fresh, now, current);
    return fresh;
  }

  /**
   * Forgets every answer; call it when the keys, the trusted issuers or anything else the verifier
   * reads changes. An answer being worked out meanwhile is not kept.
   */
  public void invalidateAll() {
    generation.incrementAndGet();
    accepted.map.clear();
    refused.map.clear();
  }

  private static Verification lookup(Bounded cache, String token, long now, long current) {
    Entry e = cache.map.get(token);
    return e != null && e.generation() == current && now < e.untilMillis() ? e.result() : null;
  }

  private void remember(String token, Verification result, long now, long current) {
    if (result instanceof Verification.Verified v) {
      long until = Math.min(v.expiresAt().toEpochMilli(), now + ttlMillis);
      if (until > now) {
        accepted.put(token, new Entry(result, until, current));
      }
    } else if (result instanceof Verification.Refused r
        && KEPT_REFUSALS.contains(r.rejection().reason())) {
      refused.put(token, new Entry(result, now + ttlMillis, current));
    }
  }

  private static final class Bounded {
    private final int capacity;
    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();

    Bounded(int capacity) {
      this.capacity = capacity;
    }

    void put(String token, Entry entry) {
      if (map.size() >= capacity) {
        map.clear();
      }
      map.put(token, entry);
    }
  }
}
