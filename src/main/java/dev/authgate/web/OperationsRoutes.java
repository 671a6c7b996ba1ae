package dev.authgate.web;

import dev.authgate.observe.Metrics;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /metrics (Prometheus text format) and GET /openapi.yaml (the HTTP API, described). */
public final class OperationsRoutes implements RouteModule {
  static final String OPENAPI = "/openapi.yaml";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;
  private final byte[] openapi;

  public OperationsRoutes(Metrics metrics) {
    this.metrics = metrics;
    this.openapi = resource("openapi.yaml");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/metrics",
        ctx ->
            ctx.header("Cache-Control", "no-store")
                .contentType(PROMETHEUS_TEXT)
                .result(metrics.scrape()));
    routes.get(
        OPENAPI,
        ctx ->
            ctx.header("Cache-Control", "public, max-age=300")
                .contentType("application/yaml")
                .result(openapi));
  }

  private static byte[] resource(String name) {
    try (InputStream in = OperationsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
