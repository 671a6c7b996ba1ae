package dev.authgate.browser;

import dev.authgate.gate.VerifyRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request a browser made to the proxy, as far as authgate can know it. Behind a trusted proxy
 * it is rebuilt from X-Original-URL (Nginx) or X-Forwarded-Proto, X-Forwarded-Host and
 * X-Forwarded-Uri (Traefik, Caddy); otherwise only the request authgate itself received counts.
 * Values that do not look like a scheme, a host or a path are treated as absent.
 *
 * @param uri the path and query, empty when unknown (a direct call to /verify has none)
 */
record OriginalRequest(String scheme, String host, Optional<String> uri, String method) {
  private static final Pattern HOST =
      Pattern.compile(
          "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
  private static final Pattern ABSOLUTE = Pattern.compile("(?i)(https?)://([^/?#]+)(.*)");

  /** The original request behind a call to /verify. */
  static OriginalRequest of(VerifyRequest request, TrustedProxies proxies) {
    String scheme = request.scheme();
    String host = validHost(request.header("Host")).orElse("");
    String method = request.method();
    if (!proxies.trusts(request.remoteAddress())) {
      return new OriginalRequest(scheme, host, Optional.empty(), method);
    }
    scheme =
        first(request, "X-Forwarded-Proto")
            .filter(OriginalRequest::validScheme)
            .map(p -> p.toLowerCase(Locale.ROOT))
            .orElse(scheme);
    host = first(request, "X-Forwarded-Host").flatMap(OriginalRequest::validHost).orElse(host);
    Optional<String> uri = single(request, "X-Forwarded-Uri").filter(OriginalRequest::validPath);
    method =
        single(request, "X-Forwarded-Method")
            .or(() -> single(request, "X-Original-Method"))
            .map(m -> m.toUpperCase(Locale.ROOT))
            .orElse(method);
    return withOriginalUrl(new OriginalRequest(scheme, host, uri, method), request);
  }

  /** The absolute URL, when the path is known. */
  Optional<String> url() {
    return uri.map(u -> scheme + "://" + host + u);
  }

  private static OriginalRequest withOriginalUrl(OriginalRequest r, VerifyRequest request) {
    Optional<String> original = single(request, "X-Original-URL");
    if (original.isEmpty()) {
      return r;
    }
    if (validPath(original.get())) {
      return new OriginalRequest(r.scheme, r.host, original, r.method);
    }
    var m = ABSOLUTE.matcher(original.get());
    if (!m.matches() || validHost(m.group(2)).isEmpty()) {
      return r;
    }
    String path = m.group(3).isEmpty() ? "/" : m.group(3);
    return validPath(path)
        ? new OriginalRequest(
            m.group(1).toLowerCase(Locale.ROOT), m.group(2), Optional.of(path), r.method)
        : r;
  }

  /** The first value of a header that a chain of proxies may have made a list. */
  private static Optional<String> first(VerifyRequest request, String name) {
    String value = request.header(name);
    if (value == null) {
      return Optional.empty();
    }
    String first = value.split(",", 2)[0].trim();
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  private static Optional<String> single(VerifyRequest request, String name) {
    String value = request.header(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static boolean validScheme(String s) {
    return s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https");
  }

  private static Optional<String> validHost(String host) {
    return host != null && HOST.matcher(host).matches()
        ? Optional.of(host.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  private static boolean validPath(String path) {
    return path.startsWith("/")
        && !path.startsWith("//")
        && path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\');
  }
}
