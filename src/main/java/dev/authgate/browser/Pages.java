package dev.authgate.browser;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the sign-in pages in the product's name and colour, and sends them with the headers that
 * keep them private and unframeable: no caching, a Content-Security-Policy that allows no script at
 * all and only the page's own style (by hash, so no {@code unsafe-inline}), X-Frame-Options DENY,
 * no Referer (the address may hold a return URL).
 */
final class Pages {
  private final Template layout = Template.load("layout.html");
  private final Map<String, Template> bodies = new ConcurrentHashMap<>();
  private final String product;
  private final String style;
  private final String policy;

  /**
   * @param formTargets host sources a form may lead to, since browsers apply {@code form-action} to
   *     the redirect after the post as well
   */
  Pages(String product, String brandColor, List<String> formTargets) {
    this.product = product;
    this.style = Template.load("style.css").render(Map.of("brand", brandColor)).strip();
    this.policy =
        "default-src 'none'; style-src '"
            + sha256(style)
            + "'; img-src 'self' data:; form-action 'self'"
            + formTargets.stream().map(t -> " " + t).reduce("", String::concat)
            + "; frame-ancestors 'none'; base-uri 'none'";
  }

  /** The body of a page from its template. */
  String body(String template, Map<String, String> values) {
    return bodies.computeIfAbsent(template, Template::load).render(values);
  }

  void send(Context ctx, int status, String title, String body) {
    secure(ctx);
    String initial = product.substring(0, 1).toUpperCase(Locale.ROOT);
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .result(
            layout.render(
                Map.of(
                    "title", title,
                    "product", product,
                    "initial", initial,
                    "style", style,
                    "body", body)));
  }

  /** The headers every answer of the sign-in pages carries, redirects included. */
  void secure(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    ctx.header("Content-Security-Policy", policy);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
