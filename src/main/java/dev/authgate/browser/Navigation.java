package dev.authgate.browser;

import dev.authgate.gate.VerifyRequest;
import java.util.Locale;

/**
 * Tells a browser's page navigation, which is sent to the login page, from an API or script call,
 * which keeps its 401. A navigation is a GET or HEAD whose Accept prefers text/html, that a script
 * did not make (no X-Requested-With; Sec-Fetch-Mode, where sent, is "navigate").
 */
final class Navigation {
  private Navigation() {}

  /**
   * Whether the headers are a browser's page navigation's: read before anything else about a
   * refused request, since an API client, the common case, is told apart by them alone.
   */
  static boolean looksLikePageNavigation(VerifyRequest request) {
    if (request.header("X-Requested-With") != null) {
      return false;
    }
    String mode = request.header("Sec-Fetch-Mode");
    if (mode != null && !mode.equalsIgnoreCase("navigate")) {
      return false;
    }
    return prefersHtml(request.header("Accept"));
  }

  /** Whether the original request's method is one a page navigation uses. */
  static boolean isNavigationMethod(String originalMethod) {
    return originalMethod.equals("GET") || originalMethod.equals("HEAD");
  }

  /** Whether text/html is listed and no other listed type is wanted more (JSON wins a tie). */
  static boolean prefersHtml(String accept) {
    if (accept == null) {
      return false;
    }
    double html = 0;
    double others = 0;
    double json = 0;
    for (String entry : accept.split(",")) {
      String[] parts = entry.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      if (type.equals("text/html")) {
        html = Math.max(html, q);
      } else if (type.equals("application/json")) {
        json = Math.max(json, q);
      } else if (!type.endsWith("/*")) {
        others = Math.max(others, q);
      }
    }
    return html > 0 && html >= others && html > json;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
