package dev.authgate.token;

import dev.authgate.keys.KeyRing;
import dev.authgate.keys.RingKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keys of this instance's own ring. The signature keys are built once per ring, not per
 * request, and rebuilt when a reload swaps the ring.
 */
public final class LocalKeys implements KeySource {
  private final Supplier<KeyRing> ring;
  private volatile Snapshot snapshot;

  private record Snapshot(KeyRing ring, Map<String, SignatureKey> byKid, List<SignatureKey> all) {}

  public LocalKeys(Supplier<KeyRing> ring) {
    this.ring = ring;
  }

  @Override
  public Lookup find(String kid, String algorithm) {
    Snapshot s = current();
    if (kid == null) {
      return Lookup.of(s.all());
    }
    SignatureKey verifier = s.byKid().get(kid);
    return verifier == null
        ? Lookup.refused(Rejection.unknownKid(kid))
        : Lookup.of(List.of(verifier));
  }

  @Override
  public List<String> knownKids() {
    return List.copyOf(current().ring().kids());
  }

  private Snapshot current() {
    KeyRing now = ring.get();
    Snapshot s = snapshot;
    if (s == null || s.ring() != now) {
      Map<String, SignatureKey> byKid = new HashMap<>();
      List<SignatureKey> all = new ArrayList<>();
      for (RingKey key : now.keys()) {
        SignatureKey a = SignatureKey.rsa("RS256", key.publicKey());
        byKid.put(key.kid(), a);
        all.add(a);
      }
      s = new Snapshot(now, Map.copyOf(byKid), List.copyOf(all));
      snapshot = s;
    }
    return s;
  }
}
