package dev.authgate.web;

import dev.authgate.observe.RequestIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
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
 * everything else: the same error bodies, request ids, metrics and log lines. A proxy's plain
 * /verify requests never get this far: {@link VerifyConnection} answers them as it reads them, and
 * this handler answers the rest.
 *
 * <p>This handler tells Jetty it never blocks, so Jetty calls it on the thread that read the
 * request, with no hand-over to another thread. It keeps that promise by answering there only what
 * is ready in memory (the JWKS, a token answered before, a request without a token); a token not
 * yet verified, which may wait for a remote key set, moves to the server's thread pool, and
 * everything Javalin answers (which may wait for the database or bcrypt) to a pool of threads at a
 * lower CPU priority.
 */
final class DirectRoutes extends Handler.Wrapper {
  private static final Logger log = LoggerFactory.getLogger(DirectRoutes.class);

  private final Map<String, DirectRoute> routes;
  private final RequestLog requests;
  private final Executor pool;
  private final Executor below;

  /**
   * @param pool the server's threads, for a token that must first be verified
   * @param below the threads for the requests handed on, which run below /verify's priority
   */
  DirectRoutes(List<DirectRoute> routes, RequestLog requests, Executor pool, Executor below) {
    this.routes = routes.stream().collect(Collectors.toMap(DirectRoute::path, Function.identity()));
    this.requests = requests;
    this.pool = pool;
    this.below = below;
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
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    DirectRoute route = routes.get(withoutTrailingSlash(path));
    if (route == null) {
      below.execute(() -> handOn(request, response, callback));
      return true;
    }
    Exchange exchange = new Exchange(route, path, request, response, callback);
    HttpFields headers = request.getHeaders();
    long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
    if (length > App.MAX_BODY_BYTES) {
      // Too large to read for nothing: the answer says the connection ends with it.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      exchange.start();
    } else if (length > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING)) {
      // No direct route reads a body. Answered before its body had arrived, a request made Jetty
      // close the connection after the answer without saying so, and a client that sent its next
      // request on that connection found it gone: the body is read and dropped first.
      new Discard(request, response, callback, exchange::start).run();
    } else {
      exchange.start();
    }
    return true;
  }

  private void handOn(Request request, Response response, Callback callback) {
    try {
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
    } catch (Throwable e) {
      Response.writeError(request, response, callback, e);
    }
  }

  /**
   * Reads and drops a request's body, then runs what answers it. A body larger than any route takes
   * is not read to its end: the answer then says the connection ends with it.
   */
  private static final class Discard implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Runnable answer;
    private long left = App.MAX_BODY_BYTES;

    Discard(Request request, Response response, Callback callback, Runnable answer) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.answer = answer;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Response.writeError(request, response, callback, chunk.getFailure());
          return;
        }
        left -= chunk.remaining();
        boolean last = chunk.isLast();
        chunk.release();
        if (left < 0) {
          response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        if (last || left < 0) {
          answer.run();
          return;
        }
      }
    }
  }

  /** One request to a direct route, which may be answered on two threads in turn. */
  private final class Exchange {
    private final DirectRoute route;
    private final String path;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long started = System.nanoTime();
    private final String requestId;

    Exchange(DirectRoute route, String path, Request request, Response response, Callback cb) {
      this.route = route;
      this.path = path;
      this.request = request;
      this.response = response;
      this.callback = cb;
      this.requestId = RequestIds.requestId(request.getHeaders().get(RequestIds.REQUEST_ID));
    }

    /** Answers here if the answer is ready, else on the pool. */
    void start() {
      if (!answer(false)) {
        pool.execute(() -> answer(true));
      }
    }

    /**
     * Answers the request, unless it may not wait and the answer is not ready.
     *
     * @return whether it answered
     */
    boolean answer(boolean mayWait) {
      HttpFields headers = request.getHeaders();
      requests.enter(requestId, headers.get(RequestIds.TRACEPARENT));
      String method = request.getMethod();
      DirectRoute.Answered answered = answered(method, mayWait);
      if (answered == null) {
        requests.leave();
        return false;
      }
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

    private DirectRoute.Answered answered(String method, boolean mayWait) {
      if (!route.methods().contains(method)) {
        return error(
            405,
            DirectRoute.Answered.json("method_not_allowed", method + " is not allowed on " + path));
      }
      try {
        return mayWait
            ? route.answer(request, response)
            : route.answerWithoutWaiting(request, response);
      } catch (RuntimeException e) {
        log.error("unexpected failure on {} {}", method, path, e);
        // Nothing half-built, such as an identity header, may reach the proxy with the 500.
        response.getHeaders().clear();
        return error(500, DirectRoute.Answered.failure());
      }
    }

    private DirectRoute.Answered error(int status, DirectRoute.Answered body) {
      response.setStatus(status);
      response.getHeaders().put(JsonBodies.CONTENT_TYPE);
      return body;
    }
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
