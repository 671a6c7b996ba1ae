package dev.authgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * /livez answers 200 while the process can serve; /healthz reports each configured dependency and
 * answers 503 when one is down, so a load balancer stops sending traffic but the orchestrator does
 * not restart a process that only waits for its database.
 */
public final class HealthRoutes implements RouteModule {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<HealthCheck> checks;

  public HealthRoutes(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/livez",
        ctx ->
            ctx.header("Cache-Control", "no-store")
                .contentType("application/json")
                .result("{\"status\":\"ok\"}"));
    routes.get(
        "/healthz",
        ctx -> {
          ObjectNode body = JSON.createObjectNode();
          ObjectNode deps = JSON.createObjectNode();
          boolean healthy = true;
          for (HealthCheck check : checks) {
            String status = check.status();
            deps.put(check.name(), status);
            healthy &= "ok".equals(status);
          }
          body.put("status", healthy ? "ok" : "unavailable");
          body.set("checks", deps);
          ctx.status(healthy ? 200 : 503)
              .header("Cache-Control", "no-store")
              .contentType("application/json")
              .result(JSON.writeValueAsString(body));
        });
  }
}
