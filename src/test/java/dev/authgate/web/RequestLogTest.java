package dev.authgate.web;

import static dev.authgate.support.LogCapture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.authgate.support.LogCapture;
import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLogTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static LogCapture requests;
  static TestServer server;

  @BeforeAll
  static void start() {
    requests = LogCapture.of("dev.authgate.request");
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    requests.close();
  }

  @BeforeEach
  void clear() {
    requests.clear();
  }

  @Test
  void echoesTheRequestIdAndLogsOneLineWithTraceIdMethodPathStatusAndLatency() {
    HttpResponse<String> r =
        server.send(
            "/.well-known/openid-configuration",
            b ->
                b.header("X-Request-Id", "req-123")
                    .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"));

    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("req-123");
    ILoggingEvent line = only();
    assertThat(line.getMDCPropertyMap())
        .containsEntry("request_id", "req-123")
        .containsEntry("trace_id", TRACE);
    assertThat(fields(line))
        .containsEntry("method", "GET")
        .containsEntry("path", "/.well-known/openid-configuration")
        .containsEntry("status", "200")
        .containsKey("latency_ms");
  }

  @Test
  void makesUpARequestIdWhenTheClientSentNone() {
    HttpResponse<String> r = server.get("/nowhere");

    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(only().getMDCPropertyMap()).containsEntry("request_id", id);
  }

  @Test
  void logsVerifyRefusalsWithTheirReasonButNotVerifySuccesses() {
    String token =
        server.service().tokens().access("u-1", null, List.of(), List.of(), null).token();

    server.verify(token);
    server.verify("not-a-token");

    ILoggingEvent line = only();
    assertThat(fields(line)).containsEntry("status", "401").containsEntry("reason", "malformed");
    assertThat(line.getFormattedMessage()).doesNotContain("not-a-token");
  }

  @Test
  void neverLogsTheQueryStringWhereATokenMayTravel() {
    server.get("/nowhere?access_token=eyJsecret");

    assertThat(only().getFormattedMessage()).doesNotContain("eyJsecret").contains("/nowhere");
    assertThat(fields(only()).values()).noneMatch(v -> v.contains("eyJsecret"));
  }

  private static ILoggingEvent only() {
    List<ILoggingEvent> lines = requests.lines();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }
}
