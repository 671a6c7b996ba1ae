package dev.authgate.web;

import dev.authgate.gate.VerifyHandler;
import dev.authgate.observe.LogBudget;
import dev.authgate.observe.Metrics;
import dev.authgate.observe.RequestIds;
import dev.authgate.observe.SecurityEvents;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Around every request: takes the X-Request-Id (or makes one) and echoes it, reads the trace id of
 * a W3C traceparent, times the request by route, counts /verify decisions, and writes one log line
 * ({@code dev.authgate.request}) with method, path, status, latency, request id and trace id.
 *
 * <p>/verify is the hot path: its successes are logged only at DEBUG, its refusals within a {@link
 * LogBudget}. The query string is never logged, because a token may travel in it.
 */
public final class RequestObserver implements RouteModule {
  private static final Logger log = LoggerFactory.getLogger("dev.authgate.request");
  private static final String STARTED = "authgate.started";
  private static final String VERIFY = "/verify";

  /** Probes and scrapes arrive every few seconds; their successes are logged only at DEBUG. */
  private static final java.util.Set<String> QUIET =
      java.util.Set.of("/livez", "/healthz", "/metrics");

  private final Metrics metrics;
  private final LogBudget refusals;
  private final SecurityEvents security;

  /**
   * @param refusals the budget of /verify refusal lines, 403s in the security log included
   */
  public RequestObserver(Metrics metrics, LogBudget refusals, SecurityEvents security) {
    this.metrics = metrics;
    this.refusals = refusals;
    this.security = security;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(this::begin);
    routes.after(this::end);
  }

  private void begin(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    String requestId = RequestIds.requestId(ctx.header(RequestIds.REQUEST_ID));
    ctx.header(RequestIds.REQUEST_ID, requestId);
    MDC.put("request_id", requestId);
    RequestIds.traceId(ctx.header(RequestIds.TRACEPARENT))
        .ifPresent(trace -> MDC.put("trace_id", trace));
  }

  private void end(Context ctx) {
    try {
      Long started = ctx.attribute(STARTED);
      long nanos = started == null ? 0 : System.nanoTime() - started;
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      String route = endpoint == null ? "none" : endpoint.path;
      int status = ctx.statusCode();
      metrics.request(ctx.method().name(), route, status, nanos);
      if (VERIFY.equals(route)) {
        String reason = ctx.attribute(VerifyHandler.REASON_ATTRIBUTE);
        metrics.verifyDecision(outcome(status), reason == null ? "none" : reason);
        logVerify(ctx, status, nanos, reason);
      } else if (status < 300 && QUIET.contains(route)) {
        line(log.atDebug(), ctx, status, nanos).log(message(ctx, status, nanos));
      } else {
        line(log.atInfo(), ctx, status, nanos).log(message(ctx, status, nanos));
      }
    } finally {
      MDC.remove("request_id");
      MDC.remove("trace_id");
    }
  }

  private void logVerify(Context ctx, int status, long nanos, String reason) {
    if (status < 300) {
      if (log.isDebugEnabled()) {
        line(log.atDebug(), ctx, status, nanos).log(message(ctx, status, nanos));
      }
      return;
    }
    LogBudget.Grant grant = refusals.take();
    if (!grant.log()) {
      return;
    }
    if (grant.suppressedBefore() > 0) {
      log.atWarn()
          .addKeyValue("suppressed", grant.suppressedBefore())
          .log(
              "{} /verify refusals were not logged in the last {} s (at most a few per window)",
              grant.suppressedBefore(),
              refusals.window().toSeconds());
    }
    line(log.atInfo(), ctx, status, nanos)
        .addKeyValue("reason", reason == null ? "none" : reason)
        .log(message(ctx, status, nanos) + (reason == null ? "" : " " + reason));
    if (status == 403) {
      String user = ctx.attribute(VerifyHandler.USER_ATTRIBUTE);
      security.permissionDenied(user == null ? "unknown" : user, ctx.ip(), forwardedTarget(ctx));
    }
  }

  /** What the proxy asked about, without the query string: "GET docs.example.com/admin". */
  private static String forwardedTarget(Context ctx) {
    String uri = String.valueOf(ctx.header("X-Forwarded-Uri"));
    int query = uri.indexOf('?');
    return ctx.header("X-Forwarded-Method")
        + " "
        + ctx.header("X-Forwarded-Host")
        + (query < 0 ? uri : uri.substring(0, query));
  }

  private static LoggingEventBuilder line(LoggingEventBuilder b, Context ctx, int status, long n) {
    return b.addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("status", status)
        .addKeyValue("latency_ms", Math.round(n / 1_000.0) / 1_000.0)
        .addKeyValue("client", ctx.ip());
  }

  private static String message(Context ctx, int status, long nanos) {
    return ctx.method().name()
        + " "
        + ctx.path()
        + " "
        + status
        + " "
        + Math.round(nanos / 1_000.0) / 1_000.0
        + " ms";
  }

  private static String outcome(int status) {
    if (status < 300) {
      return "allowed";
    }
    if (status < 400) {
      return "redirected";
    }
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      default -> "error";
    };
  }
}
