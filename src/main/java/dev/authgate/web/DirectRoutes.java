package dev.authgate.web;

import dev.authgate.observe.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the hot paths (/verify and the JWKS) in Jetty's own request handler, ahead of the servlet
 * layer and Javalin, and hands every other request on to them. Those layers cost more per request
 * than the decision itself (see bench/README.md); a direct route answers in the same shape as
 * everything else: the same error bodies, request ids, metrics and log lines.
 */
final class DirectRoutes extends Handler.Wrapper {
  private static final Logger log = LoggerFactory.getLogger(DirectRoutes.class);
  private static final PreEncodedHttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private final Map<String, DirectRoute> routes;
  private final RequestLog requests;

  DirectRoutes(List<DirectRoute> routes, RequestLog requests) {
    this.routes = routes.stream().collect(Collectors.toMap(DirectRoute::path, Function.identity()));
    this.requests = requests;
  }

  /** Every method and path answered here, for the list of registered routes. */
  List<App.Route> registered() {
    List<App.Route> all = new ArrayList<>();
    for (DirectRoute route : routes.values()) {
      route.methods().forEach(method -> all.add(new App.Route(method, route.path())));
    }
    return all;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    DirectRoute route = routes.get(withoutTrailingSlash(path));
    if (route == null) {
      return super.handle(request, response, callback);
    }
    long started = System.nanoTime();
    HttpFields headers = request.getHeaders();
    String requestId =
        requests.begin(headers.get(RequestIds.REQUEST_ID), headers.get(RequestIds.TRACEPARENT));
    String method = request.getMethod();
    DirectRoute.Answered answered = answer(route, method, path, request, response);
    response.getHeaders().put(RequestIds.REQUEST_ID, requestId);
    // Logged before the write: once the answer is sent, the request may be recycled.
    requests.end(
        new RequestLog.Handled(
            method,
            path,
            route.path(),
            response.getStatus(),
            System.nanoTime() - started,
            Request.getRemoteAddr(request),
            answered.reason(),
            answered.user(),
            headers::get));
    response.write(true, answered.body(), callback);
    return true;
  }

  private static DirectRoute.Answered answer(
      DirectRoute route, String method, String path, Request request, Response response) {
    if (!route.methods().contains(method)) {
      return error(response, 405, "method_not_allowed", method + " is not allowed on " + path);
    }
    try {
      return route.answer(request, response);
    } catch (RuntimeException e) {
      log.error("unexpected failure on {} {}", method, path, e);
      // Nothing half-built, such as an identity header, may reach the proxy with the 500.
      response.getHeaders().clear();
      return error(
          response, 500, "internal_error", "the server failed to answer; the log says why");
    }
  }

  private static DirectRoute.Answered error(
      Response response, int status, String error, String message) {
    response.setStatus(status);
    response.getHeaders().put(JSON);
    byte[] body = JsonBodies.error(error, message).getBytes(StandardCharsets.UTF_8);
    return new DirectRoute.Answered(ByteBuffer.wrap(body), null, null);
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
