package dev.authgate.browser;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides where a browser may be sent after signing in or out. Accepted are a path on the login
 * host ({@code /reports?id=7}) and an absolute http(s) URL whose host is the cookie domain, one of
 * its subdomains, the login host, or one of the allowed hosts. Anything else gets the default.
 *
 * <p>The checks, in order: printable ASCII only and no backslash (browsers drop tabs and newlines
 * and read {@code \} as {@code /}); then the value, and every further percent-decoding of it until
 * nothing changes (at most eight), must keep the same destination: a path whose second character is
 * not a slash, backslash or blank, or an http(s) URL without user info whose host is allowed.
 */
final class RedirectPolicy {
  private static final int MAX_LENGTH = 4096;
  private static final int DECODINGS = 8;
  private static final Pattern AUTHORITY =
      Pattern.compile("([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)(?::[0-9]{1,5})?");

  private final Optional<String> cookieDomain;
  private final Set<String> hosts;
  private final String fallback;

  /**
   * @param cookieDomain the cookie domain ({@code .example.com}); its subdomains are allowed
   * @param hosts further allowed host names, the login host among them
   * @param fallback where a browser goes when the return URL is missing or refused
   */
  RedirectPolicy(Optional<String> cookieDomain, List<String> hosts, String fallback) {
    this.cookieDomain = cookieDomain.map(d -> d.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT));
    this.hosts = Set.copyOf(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    this.fallback = fallback;
  }

  /** The return URL when it is allowed, else the default. */
  String target(String returnUrl) {
    return allowed(returnUrl) ? returnUrl : fallback;
  }

  /** Whether a browser may be sent to the return URL. */
  boolean allowed(String returnUrl) {
    if (returnUrl == null || returnUrl.isEmpty() || returnUrl.length() > MAX_LENGTH) {
      return false;
    }
    if (!returnUrl.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\')) {
      return false;
    }
    String form = returnUrl;
    for (int i = 0; i <= DECODINGS; i++) {
      if (!sameDestination(form)) {
        return false;
      }
      Optional<String> decoded = PercentDecoding.once(form);
      if (decoded.isEmpty()) {
        return false;
      }
      if (decoded.get().equals(form)) {
        return true;
      }
      form = decoded.get();
    }
    return false;
  }

  /** Whether the host may receive a browser (the cookie domain, its subdomains, allowed hosts). */
  boolean allowedHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (hosts.contains(h)) {
      return true;
    }
    return cookieDomain.filter(d -> h.equals(d) || h.endsWith("." + d)).isPresent();
  }

  private boolean sameDestination(String form) {
    if (form.startsWith("/")) {
      return form.length() == 1 || safeSecondChar(form.charAt(1));
    }
    return absoluteAllowed(form);
  }

  private static boolean safeSecondChar(char c) {
    return c != '/' && c != '\\' && c > 0x20 && c != 0x7f;
  }

  private boolean absoluteAllowed(String form) {
    int start;
    if (form.regionMatches(true, 0, "http://", 0, 7)) {
      start = 7;
    } else if (form.regionMatches(true, 0, "https://", 0, 8)) {
      start = 8;
    } else {
      return false;
    }
    int end = start;
    while (end < form.length() && "/?#\\".indexOf(form.charAt(end)) < 0) {
      end++;
    }
    Matcher authority = AUTHORITY.matcher(form.substring(start, end));
    return authority.matches() && allowedHost(authority.group(1));
  }
}
