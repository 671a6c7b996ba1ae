package dev.authgate.web;

import dev.authgate.observe.RequestIds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * Puts the {@link RequestLog} around every request that Javalin answers: the ones the {@link
 * DirectRoutes} leave to it.
 */
final class RequestObserver implements RouteModule {
  private static final String STARTED = "authgate.started";

  private final RequestLog requests;

  RequestObserver(RequestLog requests) {
    this.requests = requests;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(this::begin);
    routes.after(this::end);
  }

  private void begin(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    String requestId = RequestIds.requestId(ctx.header(RequestIds.REQUEST_ID));
    requests.enter(requestId, ctx.header(RequestIds.TRACEPARENT));
    ctx.header(RequestIds.REQUEST_ID, requestId);
  }

  private void end(Context ctx) {
    Long started = ctx.attribute(STARTED);
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    requests.end(
        new RequestLog.Handled(
            ctx.method().name(),
            ctx.path(),
            endpoint == null ? "none" : endpoint.path,
            ctx.statusCode(),
            started == null ? 0 : System.nanoTime() - started,
            ctx.ip(),
            null,
            null,
            ctx::header));
  }
}
