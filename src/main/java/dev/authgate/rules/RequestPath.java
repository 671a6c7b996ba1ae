package dev.authgate.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The path of a forwarded request in the one form rules are matched against, so that no spelling
 * reaches a protected prefix through a public one. In order: the query and fragment are cut off;
 * the path is percent-decoded once, as the server behind the proxy will do, so {@code %2e%2e} is
 * {@code ..} and {@code %2F} is a slash; a backslash is a slash too (some servers take it for one);
 * path parameters ({@code ;jsessionid=...}, which Tomcat and Spring drop) are cut from each
 * segment; empty segments ({@code //admin}) go; {@code .} and {@code ..} are resolved, never above
 * the root. Paths that cannot be read this way are refused: a {@code %} without two hex digits,
 * bytes that are not UTF-8, control characters, and a {@code %} left after decoding (double
 * encoding, which a second decoder downstream would turn into something else).
 */
final class RequestPath {
  private RequestPath() {}

  /** The normalised path, or empty when the path cannot be matched safely. */
  static Optional<String> normalise(String raw, boolean caseSensitive) {
    String path = raw;
    int cut = indexOfAny(path, '?', '#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    Optional<String> decoded = decode(path);
    if (decoded.isEmpty() || decoded.get().indexOf('%') >= 0) {
      return Optional.empty();
    }
    String clean = resolve(decoded.get().replace('\\', '/'));
    return Optional.of(caseSensitive ? clean : clean.toLowerCase(Locale.ROOT));
  }

  private static String resolve(String path) {
    Deque<String> segments = new ArrayDeque<>();
    for (String part : path.split("/")) {
      int params = part.indexOf(';');
      String segment = params >= 0 ? part.substring(0, params) : part;
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  private static Optional<String> decode(String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        if (c < 0x20 || c == 0x7f) {
          return Optional.empty();
        }
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(plain, 0, plain.length);
        continue;
      }
      int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
      int lo = i + 2 < path.length() ? Character.digit(path.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0 || hi * 16 + lo < 0x20 || hi * 16 + lo == 0x7f) {
        return Optional.empty();
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
