package dev.authgate.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of keys: every key's public half is accepted and published, one private key
 * signs. A reload builds a new ring and swaps it in whole, so a verify never sees half a change.
 * The JWKS body and its ETag are rendered once here, not per request.
 */
public final class KeyRing {
  private final Map<String, RingKey> byKid;
  private final Optional<RingKey> signer;
  private final byte[] jwks;
  private final String etag;

  KeyRing(List<RingKey> keys, Optional<RingKey> signer) {
    Map<String, RingKey> map = new LinkedHashMap<>();
    for (RingKey key : keys) {
      map.merge(key.kid(), key, (a, b) -> a.canSign() ? a : b);
    }
    this.byKid = Map.copyOf(map);
    this.signer = signer;
    this.jwks = JwksDocument.render(map.values()).getBytes(StandardCharsets.UTF_8);
    this.etag = "\"" + sha256(jwks) + "\"";
  }

  public Optional<RingKey> find(String kid) {
    return Optional.ofNullable(byKid.get(kid));
  }

  public java.util.Collection<RingKey> keys() {
    return byKid.values();
  }

  /**
   * The key new tokens are signed with; empty on a verify-only replica that holds no private key.
   */
  public Optional<RingKey> signer() {
    return signer;
  }

  public java.util.SortedSet<String> kids() {
    return new java.util.TreeSet<>(byKid.keySet());
  }

  /** The JWKS document (RFC 7517) of every public key; never holds private material. */
  public byte[] jwks() {
    return jwks.clone();
  }

  /** A strong ETag of {@link #jwks()}. */
  public String jwksEtag() {
    return etag;
  }

  private static String sha256(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
