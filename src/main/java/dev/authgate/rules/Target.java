package dev.authgate.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The request the proxy is asking about: host, raw path and method, read from X-Forwarded-Host,
 * X-Forwarded-Uri and X-Forwarded-Method (Traefik, Caddy), or X-Original-URI and X-Original-Method
 * (Nginx). The host falls back to Host and the method to the method /verify was called with.
 *
 * @param host lower case, without the port; empty when unknown
 * @param rawPath the path and query as the proxy sent them; empty when unknown
 */
public record Target(String host, Optional<String> rawPath, String method) {

  /** Reads the target from the headers of a /verify request. */
  public static Target from(UnaryOperator<String> header, String ownMethod) {
    String host = first(header.apply("X-Forwarded-Host"));
    if (host == null) {
      host = first(header.apply("Host"));
    }
    String path = first(header.apply("X-Forwarded-Uri"));
    if (path == null) {
      path = first(header.apply("X-Original-URI"));
    }
    String method = first(header.apply("X-Forwarded-Method"));
    if (method == null) {
      method = first(header.apply("X-Original-Method"));
    }
    return new Target(
        host == null ? "" : withoutPort(host.toLowerCase(Locale.ROOT)),
        Optional.ofNullable(path),
        (method == null ? ownMethod : method).toUpperCase(Locale.ROOT));
  }

  private static String first(String value) {
    if (value == null) {
      return null;
    }
    int comma = value.indexOf(',');
    String first = (comma < 0 ? value : value.substring(0, comma)).trim();
    return first.isEmpty() ? null : first;
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(0, end + 1) : host;
    }
    int colon = host.indexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
