package dev.authgate.web;

import dev.authgate.keys.KeyRing;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * The JWKS and the OIDC discovery document. The JWKS body and ETag are rendered when the ring
 * changes, not per request; a client that sends the ETag back gets 304.
 */
public final class KeyRoutes implements RouteModule {
  static final String JWKS_PATH = "/.well-known/jwks.json";
  private static final String CACHE = "public, max-age=300";

  private final Supplier<KeyRing> keys;
  private final String discovery;

  public KeyRoutes(Supplier<KeyRing> keys, String issuer) {
    this.keys = keys;
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.discovery =
        "{\"issuer\":\""
            + escape(issuer)
            + "\",\"jwks_uri\":\""
            + escape(base + JWKS_PATH)
            + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]"
            + ",\"response_types_supported\":[\"token\"]"
            + ",\"subject_types_supported\":[\"public\"]}";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(JWKS_PATH, this::jwks);
    routes.get(
        "/.well-known/openid-configuration",
        ctx ->
            ctx.header("Cache-Control", CACHE).contentType("application/json").result(discovery));
  }

  private void jwks(Context ctx) {
    KeyRing ring = keys.get();
    ctx.header("Cache-Control", CACHE);
    ctx.header("ETag", ring.jwksEtag());
    if (matches(ctx.header("If-None-Match"), ring.jwksEtag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType("application/json").result(ring.jwks());
  }

  /**
   * If-None-Match as RFC 9110 section 13.1.2 reads it: a list of tags compared weakly (a {@code W/}
   * prefix is ignored), or {@code *}. Caches and CDNs send both forms.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
