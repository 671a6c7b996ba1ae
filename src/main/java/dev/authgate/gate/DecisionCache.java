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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Remembers recent answers of a {@link Verifier}, so that a token a client repeats costs one
 * signature check and then a map lookup.
 *
 * <p>The key is the whole token, in one set of maps for bearer tokens and another for the session
 * cookie (which accepts session tokens too). The verifier's answer depends on nothing else but the
 * keys and issuers in force, which {@link #invalidateAll} follows, and the time, which the entries
 * follow:
 *
 * <ul>
 *   <li>an acceptance is kept until the earlier of the token's {@code exp} and the TTL;
 *   <li>a refusal is kept for the TTL only when it cost a signature check and its sentence cannot
 *       change as time passes (a bad signature, a refresh token, ...). Refusals about time
 *       (expired, not yet valid) are always worked out again, and so are malformed tokens, which
 *       cost less to parse than to remember, and keys that could not be fetched.
 * </ul>
 *
 * Revocation and access rules are not part of the answer kept here: the gate applies them to every
 * request, cached or not.
 *
 * <p>Each map holds at most its capacity and starts over when full: a hit costs one lookup and no
 * bookkeeping, and with more active tokens than entries most lookups would miss anyway. Refusals
 * have their own, smaller map, so that a flood of forged tokens cannot push out real users.
 *
 * <p>An answer is kept only for a token seen before among the last few thousand that missed: a
 * client repeats its token within seconds, so its second request is verified again and kept, and it
 * is answered from memory from its third request on, while a stream of tokens that do not come back
 * (a flood of forged ones, each used once) is verified without filling the maps. Filling them would
 * only make garbage that lives long enough to be copied by every young collection: measured with a
 * pool of 10,000 tokens, that cost half a second of GC pauses in six seconds of load. Tokens that
 * do come back, even many more than the maps hold, get in slot by slot: a token is kept when its
 * slot still holds its hash, and once kept it no longer writes the slot, so the next token of that
 * slot is kept the next time round (bench/README.md measures this with the pool).
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

  private final Clock clock;
  private final long ttlMillis;
  private final AtomicLong generation = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Answers bearer;
  private final Answers cookie;

  private record Entry(Verification result, long untilMillis, long generation) {}

  public DecisionCache(
      Verifier verifier, Clock clock, Duration ttl, int acceptedCapacity, int refusedCapacity) {
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
    this.bearer = new Answers(verifier::verify, acceptedCapacity, refusedCapacity);
    this.cookie = new Answers(verifier::verifySessionCookie, acceptedCapacity, refusedCapacity);
  }

  /**
   * A cache with the capacities authgate runs with, and a TTL no longer than the lifetime of
   * fetched keys: a remote key set is fetched again only when a lookup finds it stale, and a cached
   * answer looks nothing up, so a key the provider removed is refused at most one TTL later than
   * without the cache.
   */
  public static DecisionCache standard(Verifier verifier, Clock clock, Duration keyCacheTtl) {
    Duration ttl = keyCacheTtl.compareTo(TTL) < 0 ? keyCacheTtl : TTL;
    return new DecisionCache(verifier, clock, ttl, ACCEPTED_CAPACITY, REFUSED_CAPACITY);
  }

  @Override
  public Verification verify(String token) {
    return bearer.answer(token);
  }

  @Override
  public Verification verifySessionCookie(String token) {
    return cookie.answer(token);
  }

  @Override
  public Verification remembered(String token) {
    return bearer.known(token);
  }

  @Override
  public Verification rememberedSessionCookie(String token) {
    return cookie.known(token);
  }

  /**
   * Forgets every answer; call it when the keys, the trusted issuers or anything else the verifier
   * reads changes. An answer being worked out meanwhile is not kept.
   */
  public void invalidateAll() {
    generation.incrementAndGet();
    bearer.clear();
    cookie.clear();
  }

  /** How many answers were given from memory, since the start. */
  public long hits() {
    return hits.sum();
  }

  /** How many answers took a verification, since the start. */
  public long misses() {
    return misses.sum();
  }

  /** The answers of one way of verifying. */
  private final class Answers {
    private final Function<String, Verification> verifier;
    private final Bounded accepted;
    private final Bounded refused;
    private final SeenOnce seen;

    Answers(Function<String, Verification> verifier, int acceptedCapacity, int refusedCapacity) {
      this.verifier = verifier;
      this.accepted = new Bounded(acceptedCapacity);
      this.refused = new Bounded(refusedCapacity);
      this.seen = new SeenOnce(acceptedCapacity);
    }

    Verification known(String token) {
      Verification known = lookup(token, clock.millis(), generation.get());
      if (known != null) {
        hits.increment();
      }
      return known;
    }

    Verification answer(String token) {
      long now = clock.millis();
      long current = generation.get();
      Verification known = lookup(token, now, current);
      if (known != null) {
        hits.increment();
        return known;
      }
      misses.increment();
      Verification fresh = verifier.apply(token);
      remember(token, fresh, now, current);
      return fresh;
    }

    private Verification lookup(String token, long now, long current) {
      Verification known = accepted.lookup(token, now, current);
      return known != null ? known : refused.lookup(token, now, current);
    }

    private void remember(String token, Verification result, long now, long current) {
      if (seen.firstTime(token)) {
        return;
      }
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

    void clear() {
      accepted.map.clear();
      refused.map.clear();
    }
  }

  private static final class Bounded {
    private final int capacity;
    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();

    Bounded(int capacity) {
      this.capacity = capacity;
    }

    Verification lookup(String token, long now, long current) {
      Entry e = map.get(token);
      return e != null && e.generation() == current && now < e.untilMillis() ? e.result() : null;
    }

    void put(String token, Entry entry) {
      if (map.size() >= capacity) {
        map.clear();
      }
      map.put(token, entry);
    }
  }

  /**
   * The hashes of recent tokens, one per slot: a token whose slot holds its hash was seen before.
   * Another token in the same slot only makes it forget early (the token is verified once more) or,
   * with an equal hash, remember early; neither changes an answer. Slots are read and written
   * without locks for the same reason.
   */
  private static final class SeenOnce {
    private final int[] slots;

    SeenOnce(int capacity) {
      this.slots = new int[Integer.highestOneBit(Math.max(1, capacity - 1)) << 1];
    }

    /** Whether this is the first time the token is seen, remembering it if so. */
    boolean firstTime(String token) {
      int hash = token.hashCode();
      int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
      if (slots[slot] == hash) {
        return false;
      }
      slots[slot] = hash;
      return true;
    }
  }
}
