package dev.authgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.support.JarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AUTH_LOG_FORMAT decides the shape of every line the real jar prints. */
class LogFormatIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void printsOnlyJsonLinesWithTheRequestFieldsWhenAskedForJson() throws Exception {
    try (JarProcess authgate = JarProcess.start(Map.of("AUTH_LOG_FORMAT", "json"))) {
      request(authgate, "/nowhere");

      List<JsonNode> lines = new ArrayList<>();
      for (String line : awaitLine(authgate, "/nowhere").split("\n")) {
        lines.add(JSON.readTree(line));
      }
      JsonNode request =
          lines.stream()
              .filter(l -> l.path("path").asText().equals("/nowhere"))
              .findFirst()
              .orElseThrow();
      assertThat(request.path("method").asText()).isEqualTo("GET");
      assertThat(request.path("status").asInt()).isEqualTo(404);
      assertThat(request.path("latency_ms").isNumber()).isTrue();
      assertThat(request.path("request_id").asText()).isEqualTo("it-1");
      assertThat(request.path("trace_id").asText()).isEqualTo(TRACE);
      assertThat(request.path("level").asText()).isEqualTo("INFO");
      assertThat(lines)
          .anyMatch(l -> l.path("message").asText().startsWith("authgate listening on"));
    }
  }

  @Test
  void printsTextLinesByDefault() throws Exception {
    try (JarProcess authgate = JarProcess.start(Map.of())) {
      request(authgate, "/nowhere");

      String output = awaitLine(authgate, "/nowhere");
      assertThat(output).contains("INFO  request - GET /nowhere 404");
      assertThat(output)
          .contains("method=GET path=/nowhere status=404")
          .contains("request_id=it-1")
          .doesNotContain("{\"");
    }
  }

  private static void request(JarProcess authgate, String path) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + authgate.port() + path))
                .header("X-Request-Id", "it-1")
                .header("traceparent", "00-" + TRACE + "-b7ad6b7169203331-01")
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }

  /** The output once it holds the request's line; the line is written as the answer is sent. */
  private static String awaitLine(JarProcess authgate, String path) throws InterruptedException {
    for (int i = 0; i < 50 && !authgate.output().contains(path); i++) {
      Thread.sleep(100);
    }
    return authgate.output();
  }
}
