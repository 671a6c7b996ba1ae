package dev.authgate.token;

import java.util.List;

/**
 * Where the keys of one issuer come from. Given the token's header, it answers with the verifiers
 * that may have signed it, or with the reason there is none.
 */
public interface KeySource {

  /** The candidate keys for this kid and algorithm; a missing kid may yield several. */
  Lookup find(String kid, String algorithm);

  /** The ids of the keys known now, for diagnostics. */
  List<String> knownKids();

  /** The outcome of a lookup: keys to try, or a rejection. */
  record Lookup(List<SignatureKey> candidates, Rejection rejection) {
    public static Lookup of(List<SignatureKey> candidates) {
      return new Lookup(candidates, null);
    }

    public static Lookup refused(Rejection rejection) {
      return new Lookup(List.of(), rejection);
    }

    public boolean found() {
      return rejection == null;
    }
  }
}
