package dev.authgate.keys;

import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * Writes a JWKS. It is given public keys only, so it cannot emit private material by construction.
 */
final class JwksDocument {
  private JwksDocument() {}

  static String render(Collection<RingKey> keys) {
    StringJoiner list = new StringJoiner(",", "{\"keys\":[", "]}");
    for (RingKey key : keys) {
      list.add(jwk(key.kid(), key.publicKey()));
    }
    return list.toString();
  }

  private static String jwk(String kid, RSAPublicKey key) {
    // kid is a base64url thumbprint, so it needs no JSON escaping.
    return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + kid
        + "\",\"n\":\""
        + Thumbprints.base64Url(key.getModulus())
        + "\",\"e\":\""
        + Thumbprints.base64Url(key.getPublicExponent())
        + "\"}";
  }
}
