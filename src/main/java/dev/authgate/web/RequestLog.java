package dev.authgate.web;

import dev.authgate.observe.LogBudget;
import dev.authgate.observe.Metrics;
import dev.authgate.observe.RequestIds;
import dev.authgate.observe.SecurityEvents;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What happens around every request, whichever layer of the server answers it: the request id is
 * taken from X-Request-Id (or made) and the trace id from a W3C traceparent, both for the log's
 * context; then the request is timed by route, /verify decisions are counted, and one line ({@code
 * dev.authgate.request}) is written with method, path, status, latency and client.
 *
 * <p>/verify is the hot path: its successes are logged only at DEBUG, its refusals within a {@link
 * LogBudget}. The query string is never logged, because a token may travel in it.
 */
public final class RequestLog {
  static final String VERIFY = "/verify";
  private static final Logger log = LoggerFactory.getLogger("dev.authgate.request");

  /** Probes and scrapes arrive every few seconds; their successes are logged only at DEBUG. */
  private static final Set<String> QUIET = Set.of("/livez", "/healthz", "/metrics");

  private final Metrics metrics;
  private final LogBudget refusals;
  private final SecurityEvents security;

  /** One answered request, as the log and the metrics see it. */
  record Handled(
      String method,
      String path,
      String route,
      int status,
      long nanos,
      String client,
      String reason,
      String user,
      UnaryOperator<String> header) {}

  /**
   * @param refusals the budget of /verify refusal lines, 403s in the security log included
   */
  public RequestLog(Metrics metrics, LogBudget refusals, SecurityEvents security) {
    this.metrics = metrics;
    this.refusals = refusals;
    this.security = security;
  }

  /**
   * Puts the request's ids into the log context of this thread until {@link #end} or {@link
   * #leave}.
   *
   * @param requestId the request's id, from {@link RequestIds#requestId}
   */
  void enter(String requestId, String traceparent) {
    MDC.put("request_id", requestId);
    if (traceparent != null) {
      RequestIds.traceId(traceparent).ifPresent(trace -> MDC.put("trace_id", trace));
    }
  }

  /** Takes the request's ids out of this thread's log context: the request moves to another. */
  void leave() {
    MDC.remove("request_id");
    MDC.remove("trace_id");
  }

  void end(Handled h) {
    try {
      metrics.request(h.method(), h.route(), h.status(), h.nanos());
      if (VERIFY.equals(h.route())) {
        metrics.verifyDecision(outcome(h.status()), h.reason() == null ? "none" : h.reason());
        logVerify(h);
      } else if (h.status() < 300 && QUIET.contains(h.route())) {
        if (log.isDebugEnabled()) {
          line(log.atDebug(), h).log(message(h));
        }
      } else {
        line(log.atInfo(), h).log(message(h));
      }
    } finally {
      leave();
    }
  }

  private void logVerify(Handled h) {
    if (h.status() < 300) {
      if (log.isDebugEnabled()) {
        line(log.atDebug(), h).log(message(h));
      }
      return;
    }
    if (!log.isInfoEnabled()) {
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
    String reason = h.reason() == null ? "none" : h.reason();
    line(log.atInfo(), h).addKeyValue("reason", reason).log(message(h) + " " + reason);
    if (h.status() == 403) {
      security.permissionDenied(
          h.user() == null ? "unknown" : h.user(), h.client(), forwardedTarget(h.header()));
    }
  }

  /** What the proxy asked about, without the query string: "GET docs.example.com/admin". */
  private static String forwardedTarget(UnaryOperator<String> header) {
    String uri = String.valueOf(header.apply("X-Forwarded-Uri"));
    int query = uri.indexOf('?');
    return header.apply("X-Forwarded-Method")
        + " "
        + header.apply("X-Forwarded-Host")
        + (query < 0 ? uri : uri.substring(0, query));
  }

  private static LoggingEventBuilder line(LoggingEventBuilder b, Handled h) {
    return b.addKeyValue("method", h.method())
        .addKeyValue("path", h.path())
        .addKeyValue("status", h.status())
        .addKeyValue("latency_ms", millis(h.nanos()))
        .addKeyValue("client", h.client());
  }

  private static String message(Handled h) {
    return h.method() + " " + h.path() + " " + h.status() + " " + millis(h.nanos()) + " ms";
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
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
