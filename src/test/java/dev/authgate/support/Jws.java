package dev.authgate.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS strings from raw header and payload JSON, so tests can forge exactly the token
 * they mean (duplicate members, odd types, hostile headers) and sign it the way an attacker would.
 */
public final class Jws {
  private Jws() {}

  public static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** header.payload, not signed. */
  public static String signingInput(String headerJson, String payloadJson) {
    return b64(headerJson) + "." + b64(payloadJson);
  }

  /** A token signed with RS256 (SHA256withRSA) by the given key, whatever the header says. */
  public static String rs256(String headerJson, String payloadJson, PrivateKey key) {
    String input = signingInput(headerJson, payloadJson);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token signed with HMAC-SHA256 under the given secret bytes. */
  public static String hs256(String headerJson, String payloadJson, byte[] secret) {
    String input = signingInput(headerJson, payloadJson);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
