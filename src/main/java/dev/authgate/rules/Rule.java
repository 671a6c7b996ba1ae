package dev.authgate.rules;

import java.util.Optional;
import java.util.Set;

/**
 * One rule of the rules file: which requests it covers and who may pass.
 *
 * @param host exact ({@code app.example.com}) or a subdomain wildcard ({@code *.example.com})
 * @param methods upper case; empty means every method
 * @param line where the rule starts in the file, for log lines
 */
record Rule(
    Optional<String> host,
    Optional<PathPattern> path,
    Set<String> methods,
    Policy policy,
    int line) {

  /**
   * Whether the rule covers the request.
   *
   * @param path the normalised path, or empty when the request's path is unknown: then only rules
   *     without a path apply
   */
  boolean covers(String requestHost, Optional<String> path, String method) {
    if (host.isPresent() && !hostMatches(host.get(), requestHost)) {
      return false;
    }
    if (!methods.isEmpty() && !methods.contains(method)) {
      return false;
    }
    return this.path.isEmpty() || (path.isPresent() && this.path.get().matches(path.get()));
  }

  private static boolean hostMatches(String pattern, String host) {
    return pattern.startsWith("*.")
        ? host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1
        : pattern.equals(host);
  }
}
