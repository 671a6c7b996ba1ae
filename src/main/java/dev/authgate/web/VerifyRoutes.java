package dev.authgate.web;

import dev.authgate.gate.VerifyHandler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import java.util.List;

/** /verify under every method a proxy may forward: the method of the original request varies. */
public final class VerifyRoutes implements RouteModule {
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.HEAD,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.OPTIONS);

  private final VerifyHandler handler;

  public VerifyRoutes(VerifyHandler handler) {
    this.handler = handler;
  }

  @Override
  public void register(RoutesConfig routes) {
    for (HandlerType method : METHODS) {
      routes.addHttpHandler(method, "/verify", handler);
    }
  }
}
