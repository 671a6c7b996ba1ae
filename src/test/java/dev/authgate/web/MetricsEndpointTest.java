package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private static final String USER_ID = "user-5c1d9e";
  private static final String EMAIL = "private.person@example.com";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void countsVerifyDecisionsByOutcomeAndReasonCode() {
    String token =
        server.service().tokens().access(USER_ID, EMAIL, List.of(), List.of(), null).token();
    server.verify(token);
    server.verify("garbage");
    server.get("/verify");

    String metrics = scrape();

    assertThat(metrics)
        .contains("authgate_verify_decisions_total{outcome=\"allowed\",reason=\"none\"}")
        .contains(
            "authgate_verify_decisions_total{outcome=\"unauthenticated\",reason=\"malformed\"}")
        .contains(
            "authgate_verify_decisions_total{outcome=\"unauthenticated\",reason=\"no_credential\"}");
  }

  @Test
  void countsTheTokensAnsweredFromTheDecisionCacheAndTheTokensVerified() {
    String token =
        server.service().tokens().access(USER_ID, EMAIL, List.of(), List.of(), null).token();
    double hits = cacheCount("hit");
    double misses = cacheCount("miss");

    for (int i = 0; i < 4; i++) {
      server.verify(token);
    }

    assertThat(cacheCount("miss") - misses).isEqualTo(2);
    assertThat(cacheCount("hit") - hits).isEqualTo(2);
  }

  private static double cacheCount(String result) {
    String prefix = "authgate_verify_cache_total{result=\"" + result + "\"} ";
    return scrape()
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void keepsALatencyHistogramPerRouteTemplate() {
    server.get("/livez");

    assertThat(scrape())
        .contains(
            "authgate_http_server_requests_seconds_bucket{method=\"GET\",route=\"/livez\",status=\"200\",le=\"0.001\"}")
        .contains("authgate_keys_loaded 1.0")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads");
  }

  @Test
  void neverPutsAUserIdEmailOrTokenIntoTheMetrics() {
    String token =
        server.service().tokens().access(USER_ID, EMAIL, List.of("admin"), List.of(), null).token();
    server.verify(token);
    server.verify(token + "x");
    server.get("/users/" + EMAIL);
    server.get("/verify/" + USER_ID);
    server.send("/verify", b -> b.header("X-Request-Id", USER_ID).header("Cookie", "s=" + token));

    String metrics = scrape();

    assertThat(metrics).doesNotContain(USER_ID).doesNotContain(EMAIL);
    for (String part : token.split("\\.")) {
      assertThat(metrics).doesNotContain(part);
    }
    assertThat(metrics).contains("route=\"none\",status=\"404\"");
  }

  private static String scrape() {
    HttpResponse<String> r = server.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
    return r.body();
  }
}
