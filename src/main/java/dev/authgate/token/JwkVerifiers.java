package dev.authgate.token;

import com.auth0.jwk.InvalidPublicKeyException;
import com.auth0.jwk.Jwk;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns one JWK of a fetched key set into the verifiers it may serve, by algorithm. The checks, in
 * order: the key is for signatures (no {@code "use":"enc"}); it converts to a public key; an RSA
 * modulus has at least 2048 bits; an EC point lies on its curve (a point off the curve is the
 * invalid-curve attack, and Java's key factory does not look); the curve fits the algorithm (P-256
 * for ES256, P-384 for ES384, P-521 for ES512); and the JWK's own {@code alg}, when present, is the
 * only algorithm it serves.
 */
final class JwkVerifiers {
  static final int MIN_RSA_BITS = 2048;

  private JwkVerifiers() {}

  /**
   * The verifiers of the key, among the allowed algorithms.
   *
   * @throws IllegalArgumentException saying why the key cannot be used
   */
  static Map<String, SignatureKey> of(Jwk jwk, Set<String> allowed) {
    if ("enc".equals(jwk.getUsage())) {
      throw new IllegalArgumentException("it is an encryption key (use=enc)");
    }
    PublicKey key;
    try {
      key = jwk.getPublicKey();
    } catch (InvalidPublicKeyException | RuntimeException e) {
      throw new IllegalArgumentException("it is not a usable public key: " + e.getMessage());
    }
    Map<String, SignatureKey> out = new LinkedHashMap<>();
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        throw new IllegalArgumentException(
            "its RSA modulus has " + rsa.getModulus().bitLength() + " bits, fewer than 2048");
      }
      put(out, jwk, allowed, "RS256", () -> SignatureKey.rsa("RS256", rsa));
      put(out, jwk, allowed, "RS384", () -> SignatureKey.rsa("RS384", rsa));
      put(out, jwk, allowed, "RS512", () -> SignatureKey.rsa("RS512", rsa));
    } else if (key instanceof ECPublicKey ec) {
      requireOnCurve(ec);
      switch (ec.getParams().getCurve().getField().getFieldSize()) {
        case 256 -> put(out, jwk, allowed, "ES256", () -> SignatureKey.ec("ES256", ec));
        case 384 -> put(out, jwk, allowed, "ES384", () -> SignatureKey.ec("ES384", ec));
        case 521 -> put(out, jwk, allowed, "ES512", () -> SignatureKey.ec("ES512", ec));
        default -> throw new IllegalArgumentException("its curve is not P-256, P-384 or P-521");
      }
    } else {
      throw new IllegalArgumentException("its type " + jwk.getType() + " is not RSA or EC");
    }
    return out;
  }

  private static void put(
      Map<String, SignatureKey> out,
      Jwk jwk,
      Set<String> allowed,
      String alg,
      java.util.function.Supplier<SignatureKey> verifier) {
    if (allowed.contains(alg) && (jwk.getAlgorithm() == null || jwk.getAlgorithm().equals(alg))) {
      out.put(alg, verifier.get());
    }
  }

  /** y^2 = x^3 + ax + b (mod p), with both coordinates in the field. */
  static void requireOnCurve(ECPublicKey key) {
    ECParameterSpec params = key.getParams();
    if (!(params.getCurve().getField() instanceof ECFieldFp field)) {
      throw new IllegalArgumentException("its curve is not over a prime field");
    }
    BigInteger p = field.getP();
    ECPoint w = key.getW();
    if (w.equals(ECPoint.POINT_INFINITY)) {
      throw new IllegalArgumentException("its point is the point at infinity");
    }
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      throw new IllegalArgumentException("its point lies outside the curve's field");
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    if (!left.equals(right)) {
      throw new IllegalArgumentException("its point does not lie on its curve");
    }
  }
}
