package dev.authgate.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys look like {@code agk_k7d2m4qa_<43 base64url characters>}: a fixed marker that secret
 * scanners can match, a public prefix of 8 characters that names the key in logs, and 256 random
 * bits. Only the SHA-256 of the whole key is stored.
 */
final class ApiKeyFormat {
  private static final Pattern KEY = Pattern.compile("agk_([a-z2-7]{8})_[A-Za-z0-9_-]{43}");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private ApiKeyFormat() {}

  /** A key just made: the whole key, shown once, and its prefix. */
  record NewKey(String key, String prefix) {}

  static NewKey generate(SecureRandom random) {
    StringBuilder prefix = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      prefix.append(BASE32[random.nextInt(BASE32.length)]);
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String key =
        "agk_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new NewKey(key, prefix.toString());
  }

  /** The prefix of a well-formed key. */
  static Optional<String> prefix(String key) {
    Matcher m = KEY.matcher(key);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The stored form: hex SHA-256 of the whole key. */
  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares in constant time, so the time taken tells nothing of how much matched. */
  static boolean matches(String key, String storedHash) {
    return MessageDigest.isEqual(
        hash(key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
