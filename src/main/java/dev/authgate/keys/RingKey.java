package dev.authgate.keys;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One key of the ring: its public half (always published and accepted) and, when the file held it,
 * the private half that can sign.
 *
 * @param kid the RFC 7638 thumbprint of the public key
 * @param source the file the key came from, for messages
 * @param modified when that file last changed; the newest private key signs
 */
public record RingKey(
    String kid,
    RSAPublicKey publicKey,
    Optional<RSAPrivateKey> privateKey,
    String source,
    Instant modified) {

  public boolean canSign() {
    return privateKey.isPresent();
  }

  public int bits() {
    return publicKey.getModulus().bitLength();
  }
}
