package dev.authgate.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The error bodies of the direct routes and of errors, written by hand: they are small, fixed in
 * shape, and on the hot path, where a JSON mapper would cost more than the answer.
 */
final class JsonBodies {
  /** The Content-Type of every body here, encoded once. */
  static final PreEncodedHttpField CONTENT_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private JsonBodies() {}

  /** {@code {"error": ..., "message": ...}}. */
  static String error(String error, String message) {
    return "{\"error\":\"" + escape(error) + "\",\"message\":\"" + escape(message) + "\"}";
  }

  /** {@code {"error": ..., "message": ..., "reason": ...}}. */
  static String error(String error, String message, String reason) {
    return "{\"error\":\""
        + escape(error)
        + "\",\"message\":\""
        + escape(message)
        + "\",\"reason\":\""
        + escape(reason)
        + "\"}";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
