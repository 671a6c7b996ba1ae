package dev.authgate.token;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One public key or shared secret, for one JWS algorithm (RFC 7518 section 3): says whether a
 * token's signature was made with it. A mismatch is an answer, not an error, so nothing is thrown
 * for a forged token: java-jwt's verify reports a mismatch only with an exception whose stack trace
 * is filled in every time, which made refusing a forged token cost more than accepting a valid one.
 * The checks themselves are the JDK's, as they were under java-jwt.
 */
final class SignatureKey {
  private final String algorithm;
  private final String jcaName;
  private final Key key;

  private SignatureKey(String algorithm, String jcaName, Key key) {
    this.algorithm = algorithm;
    this.jcaName = jcaName;
    this.key = key;
  }

  /** RS256, RS384 or RS512 with this public key. */
  static SignatureKey rsa(String algorithm, RSAPublicKey key) {
    return new SignatureKey(algorithm, "SHA" + bits(algorithm) + "withRSA", key);
  }

  /**
   * ES256, ES384 or ES512 with this public key. JWS carries R and S side by side (RFC 7518 3.4),
   * which is the JDK's P1363 format, not DER.
   */
  static SignatureKey ec(String algorithm, ECPublicKey key) {
    return new SignatureKey(algorithm, "SHA" + bits(algorithm) + "withECDSAinP1363Format", key);
  }

  /** HS256 with this shared secret. */
  static SignatureKey hmac256(byte[] secret) {
    return new SignatureKey("HS256", "HmacSHA256", new SecretKeySpec(secret, "HmacSHA256"));
  }

  /** The JWS name of the algorithm, as a token's alg header names it. */
  String algorithm() {
    return algorithm;
  }

  /**
   * Whether the signature is this key's over the signing input (the ASCII of the token's first two
   * parts, with the dot between them).
   */
  boolean verifies(byte[] signingInput, byte[] signature) {
    try {
      if (key instanceof PublicKey publicKey) {
        Signature check = Signature.getInstance(jcaName);
        check.initVerify(publicKey);
        check.update(signingInput);
        return check.verify(signature);
      }
      Mac mac = Mac.getInstance(jcaName);
      mac.init(key);
      return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
    } catch (SignatureException e) {
      // A signature of the wrong length or encoding is simply not this key's.
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot check " + jcaName + " signatures", e);
    }
  }

  private static String bits(String algorithm) {
    return algorithm.substring(2);
  }
}
