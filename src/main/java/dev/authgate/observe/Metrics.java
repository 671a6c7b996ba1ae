package dev.authgate.observe;

import dev.authgate.token.JwksFetches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * What authgate counts, served at /metrics in the Prometheus format. Give it to a component's
 * constructor and call the method that names what happened.
 *
 * <p>No user id, email or token ever becomes a label: every label value is a route template, a
 * fixed code, or a configured issuer, and {@link #label} turns anything else into {@code "other"}.
 * HikariCP reports its pool through {@link #registry()} ({@code config.setMetricRegistry}).
 */
public final class Metrics implements JwksFetches {
  private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,40}");
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  /** How a sign-in ended. */
  public enum Login {
    SUCCEEDED,
    FAILED,
    /** refused unchecked: the account or the client is locked out after too many failures */
    LOCKED,
    /** refused unchecked: as many attempts as the limit allows are still being checked */
    CROWDED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final PrometheusMeterRegistry registry;

  // The meters of the hot path, found by their labels without building and registering them
  // again on every request. Both key sets are bounded: methods, route templates, statuses,
  // outcomes and reason codes are fixed sets.
  private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();
  private final Map<DecisionKey, Counter> decisionCounters = new ConcurrentHashMap<>();

  private record RequestKey(String method, String route, int status) {}

  private record DecisionKey(String outcome, String reason) {}

  public Metrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The registry, for libraries that report to Micrometer themselves (HikariCP). */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of everything registered. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * One answered HTTP request.
   *
   * @param route the route template ({@code /auth/me}), never the raw path; "none" when no route
   *     matched
   */
  public void request(String method, String route, int status, long nanos) {
    requestTimers
        .computeIfAbsent(
            new RequestKey(method, route, status),
            k ->
                Timer.builder("authgate.http.server.requests")
                    .description("HTTP requests by route, method and status")
                    .tags("method", method, "route", route, "status", String.valueOf(status))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One /verify answer.
   *
   * @param outcome allowed, unauthenticated, forbidden, redirected
   * @param reason a {@code Reason.code()} or a rule's code; "none" when allowed
   */
  public void verifyDecision(String outcome, String reason) {
    decisionCounters
        .computeIfAbsent(
            new DecisionKey(outcome, reason),
            k ->
                Counter.builder("authgate.verify.decisions")
                    .description("/verify answers by outcome and reason code")
                    .tags("outcome", label(outcome), "reason", label(reason))
                    .register(registry))
        .increment();
  }

  public void login(Login outcome) {
    Counter.builder("authgate.logins")
        .description("sign-ins by outcome")
        .tag("outcome", outcome.label())
        .register(registry)
        .increment();
  }

  /**
   * One fetch of a remote JWKS.
   *
   * @param issuer the configured issuer the keys belong to
   */
  @Override
  public void jwksFetch(String issuer, boolean succeeded) {
    Counter.builder("authgate.jwks.fetches")
        .description("fetches of remote JWKS by issuer and result")
        .tags("issuer", issuer, "result", succeeded ? "ok" : "failed")
        .register(registry)
        .increment();
  }

  /** Reports the size of the key ring in force, read when scraped. */
  public void keyRing(Supplier<Integer> size) {
    // Strong: Micrometer holds a gauge's object weakly, and nothing else holds this lambda.
    Gauge.builder("authgate.keys.loaded", size, s -> s.get())
        .description("keys in the ring in force")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Reports how many tokens /verify answered from its decision cache and how many it verified, read
   * from the cache when scraped: the share of hits says how much of the traffic costs a signature
   * check.
   *
   * @param cache held weakly, as Micrometer holds what a function counter reads; the gate holds it
   */
  public <T> void decisionCache(T cache, ToLongFunction<T> hits, ToLongFunction<T> misses) {
    cacheCounter("hit", cache, hits);
    cacheCounter("miss", cache, misses);
  }

  private <T> void cacheCounter(String result, T cache, ToLongFunction<T> count) {
    FunctionCounter.builder("authgate.verify.cache", cache, c -> count.applyAsLong(c))
        .description("/verify tokens answered from the decision cache (hit) or verified (miss)")
        .tag("result", result)
        .register(registry);
  }

  /** The key ring was reloaded from the key directory. */
  public void keyReload() {
    Counter.builder("authgate.keys.reloads")
        .description("reloads of the key directory")
        .register(registry)
        .increment();
  }

  /** A code-like value as a label; anything else (an id, an email, a token) as "other". */
  static String label(String value) {
    return value != null && CODE.matcher(value).matches() ? value : "other";
  }
}
