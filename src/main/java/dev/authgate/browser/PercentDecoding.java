package dev.authgate.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One round of percent-decoding, as a server would apply it to a path; unlike URLDecoder it leaves
 * {@code +} alone and refuses a {@code %} that is not followed by two hex digits.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  static Optional<String> once(String text) {
    if (text.indexOf('%') < 0) {
      return Optional.of(text);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(plain, 0, plain.length);
        continue;
      }
      if (i + 2 >= text.length()) {
        return Optional.empty();
      }
      int hi = Character.digit(text.charAt(i + 1), 16);
      int lo = Character.digit(text.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }
}
