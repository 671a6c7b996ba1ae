package dev.authgate.token;

import com.auth0.jwk.Jwk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/** One fetched key set, immutable: verifiers by kid and algorithm, and when it was fetched. */
record RemoteKeySet(
    Map<String, Map<String, SignatureKey>> byKid,
    List<Map<String, SignatureKey>> all,
    Instant fetchedAt) {

  static final RemoteKeySet NONE = new RemoteKeySet(Map.of(), List.of(), null);

  /**
   * The usable keys of a fetched set. A key that cannot be used is logged and left out; a set that
   * had keys but none usable is refused as a whole, so the keys in force stay.
   */
  static RemoteKeySet of(
      List<Jwk> jwks, Set<String> allowed, Instant now, String source, Logger log)
      throws JwksUnavailable {
    Map<String, Map<String, SignatureKey>> byKid = new HashMap<>();
    List<Map<String, SignatureKey>> all = new ArrayList<>();
    for (Jwk jwk : jwks) {
      try {
        Map<String, SignatureKey> verifiers = JwkVerifiers.of(jwk, allowed);
        if (!verifiers.isEmpty()) {
          all.add(verifiers);
          if (jwk.getId() != null) {
            byKid.put(jwk.getId(), verifiers);
          }
        }
      } catch (IllegalArgumentException e) {
        log.warn("key \"{}\" of {} is left out: {}", jwk.getId(), source, e.getMessage());
      }
    }
    if (all.isEmpty() && !jwks.isEmpty()) {
      throw new JwksUnavailable(source + " holds no usable key for " + allowed);
    }
    return new RemoteKeySet(Map.copyOf(byKid), List.copyOf(all), now);
  }

  /** The candidate verifiers, or null when this set does not know the kid. */
  KeySource.Lookup find(String kid, String alg) {
    if (kid == null) {
      List<SignatureKey> candidates = new ArrayList<>();
      for (Map<String, SignatureKey> key : all) {
        if (key.containsKey(alg)) {
          candidates.add(key.get(alg));
        }
      }
      return candidates.isEmpty() ? null : KeySource.Lookup.of(candidates);
    }
    Map<String, SignatureKey> key = byKid.get(kid);
    if (key == null) {
      return null;
    }
    SignatureKey verifier = key.get(alg);
    return verifier == null
        ? KeySource.Lookup.refused(Rejection.keyNotForAlgorithm(kid, alg))
        : KeySource.Lookup.of(List.of(verifier));
  }

  boolean olderThan(java.time.Duration ttl, Instant now) {
    return fetchedAt == null || fetchedAt.plus(ttl).isBefore(now);
  }
}
