package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * src/main/resources/openapi.yaml against the routes the real app registers. When you add a route,
 * this test names it; describe it in the yaml with the statuses it answers.
 */
class OpenApiTest {
  private static final String FILE = "src/main/resources/openapi.yaml";
  private static final Set<String> METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete", "options");
  static TestServer server;
  static JsonNode paths;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    try (InputStream in = OpenApiTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void describesEveryRegisteredRoute() {
    List<String> missing = new ArrayList<>();
    for (App.Route route : server.service().routes()) {
      if (operation(route).isMissingNode()) {
        missing.add(
            "%s %s is registered but %s has no paths.'%s'.%s: describe it with its responses"
                .formatted(route.method(), route.path(), FILE, openApiPath(route), key(route)));
      }
    }

    assertThat(server.service().routes()).isNotEmpty();
    assertThat(missing).as("routes missing from " + FILE).isEmpty();
  }

  @Test
  void describesNoRouteThatIsNotRegistered() {
    Set<String> registered = new TreeSet<>();
    server.service().routes().forEach(r -> registered.add(openApiPath(r) + " " + key(r)));
    List<String> stale = new ArrayList<>();
    paths
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (METHODS.contains(m) && !registered.contains(p.getKey() + " " + m)) {
                            stale.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                          }
                        }));

    assertThat(stale).as("operations in " + FILE + " that no route serves").isEmpty();
  }

  @Test
  void listsTheStatusEveryRouteAnswersARequestWithoutCredentials() {
    List<String> undocumented = new ArrayList<>();
    for (App.Route route : server.service().routes()) {
      JsonNode op = operation(route);
      if (op.isMissingNode()) {
        continue;
      }
      int status = probe(route).statusCode();
      if (!op.path("responses").has(String.valueOf(status))) {
        undocumented.add(
            "%s %s answered %d to a request without credentials; %s lists %s"
                .formatted(route.method(), route.path(), status, FILE, statuses(op)));
      }
    }

    assertThat(undocumented).as("statuses missing from " + FILE).isEmpty();
  }

  @Test
  void listsTheSuccessfulAnswersOfVerifyAndTheKeySet() {
    String token =
        server.service().tokens().access("u-1", null, List.of(), List.of(), null).token();
    HttpResponse<String> jwks = server.get("/.well-known/jwks.json");
    String etag = jwks.headers().firstValue("ETag").orElseThrow();

    assertThat(server.verify(token).statusCode()).isEqualTo(200);
    assertThat(paths.path("/verify").path("get").path("responses").has("200")).isTrue();
    assertThat(
            server
                .send("/.well-known/jwks.json", b -> b.header("If-None-Match", etag))
                .statusCode())
        .isEqualTo(304);
    assertThat(paths.path("/.well-known/jwks.json").path("get").path("responses").has("304"))
        .isTrue();
  }

  @Test
  void servesTheDocumentItself() {
    HttpResponse<String> r = server.get("/openapi.yaml");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(r.body()).startsWith("openapi: 3.");
  }

  private static HttpResponse<String> probe(App.Route route) {
    String path = openApiPath(route).replaceAll("\\{[^}]+}", "x");
    return server.send(
        path,
        b -> {
          boolean body = Set.of("POST", "PUT", "PATCH").contains(route.method());
          return b.header("Content-Type", "application/json")
              .method(
                  route.method(),
                  body
                      ? HttpRequest.BodyPublishers.ofString("{}")
                      : HttpRequest.BodyPublishers.noBody());
        });
  }

  private static JsonNode operation(App.Route route) {
    return paths.path(openApiPath(route)).path(key(route));
  }

  /** Javalin's {@code <param>} and {@code {param}} are OpenAPI's {@code {param}}. */
  private static String openApiPath(App.Route route) {
    return route.path().replaceAll("<([^>]+)>", "{$1}");
  }

  private static String key(App.Route route) {
    return route.method().toLowerCase(Locale.ROOT);
  }

  private static List<String> statuses(JsonNode op) {
    List<String> out = new ArrayList<>();
    op.path("responses").fieldNames().forEachRemaining(out::add);
    return out;
  }
}
