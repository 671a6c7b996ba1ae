package dev.authgate.web;

import io.javalin.config.RoutesConfig;

/** The OIDC discovery document, which points to the JWKS ({@link JwksRoute}). */
public final class DiscoveryRoutes implements RouteModule {
  private final String discovery;

  public DiscoveryRoutes(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.discovery =
        "{\"issuer\":\""
            + escape(issuer)
            + "\",\"jwks_uri\":\""
            + escape(base + JwksRoute.PATH)
            + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]"
            + ",\"response_types_supported\":[\"token\"]"
            + ",\"subject_types_supported\":[\"public\"]}";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/.well-known/openid-configuration",
        ctx ->
            ctx.header("Cache-Control", JwksRoute.CACHE.getValue())
                .contentType("application/json")
                .result(discovery));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
