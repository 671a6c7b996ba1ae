package dev.authgate.account.http;

import dev.authgate.account.ApiKeyAdmin;
import dev.authgate.account.Callers;
import dev.authgate.config.Durations;
import dev.authgate.store.ApiKeyStore;
import dev.authgate.web.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys of service principals under /auth/admin/api-keys, for an admin or a holder of {@code
 * apikeys:manage}. The key itself is in the answer to its creation only.
 */
public final class ApiKeyRoutes implements RouteModule {
  private final ApiKeyAdmin keys;
  private final Callers callers;

  public ApiKeyRoutes(ApiKeyAdmin keys, Callers callers) {
    this.keys = keys;
    this.callers = callers;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/auth/admin/api-keys", this::create);
    routes.get("/auth/admin/api-keys", this::list);
    routes.delete(
        "/auth/admin/api-keys/{prefix}",
        ctx -> {
          allowed(ctx);
          keys.revoke(ctx.pathParam("prefix"));
          ctx.status(204);
        });
    routes.post("/auth/admin/service-principals/{name}/deactivate", ctx -> active(ctx, false));
    routes.post("/auth/admin/service-principals/{name}/activate", ctx -> active(ctx, true));
  }

  /**
   * {@code {"principal": "billing", "scopes": "invoices:read invoices:write", "expires_in":
   * "90d"}}.
   */
  private void create(Context ctx) {
    allowed(ctx);
    JsonRequest body = JsonRequest.of(ctx);
    List<String> scopes =
        Arrays.stream(body.optional("scopes").orElse("").trim().split("\\s+"))
            .filter(s -> !s.isEmpty())
            .toList();
    Optional<Duration> lifetime = body.optional("expires_in").map(ApiKeyRoutes::lifetime);
    ApiKeyAdmin.Created created = keys.create(body.required("principal"), scopes, lifetime);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", created.key());
    out.put("prefix", created.prefix());
    out.put("principal", created.principal());
    out.put("scopes", created.scopes());
    out.put("expires_at", created.expiresAt() == null ? null : created.expiresAt().toString());
    Responses.send(ctx, 201, out);
  }

  private void list(Context ctx) {
    allowed(ctx);
    Responses.send(
        ctx, 200, Map.of("keys", keys.list().stream().map(ApiKeyRoutes::shown).toList()));
  }

  private void active(Context ctx, boolean active) {
    allowed(ctx);
    keys.setActive(ctx.pathParam("name"), active);
    ctx.status(204);
  }

  private void allowed(Context ctx) {
    callers.authorized(ctx.header("Authorization"), ApiKeyAdmin.MANAGE_KEYS);
  }

  private static Duration lifetime(String text) {
    return Durations.parse(text)
        .filter(d -> !d.isZero() && !d.isNegative())
        .orElseThrow(
            () -> JsonRequest.invalid("expires_in must be a duration such as 3600, 12h or 90d"));
  }

  static Map<String, Object> shown(ApiKeyStore.StoredKey key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prefix", "agk_" + key.prefix());
    out.put("principal", key.principal().name());
    out.put("scopes", key.principal().scopes());
    out.put("principal_active", key.principal().active());
    out.put("created_at", key.createdAt().toString());
    out.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
    out.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    return out;
  }
}
