package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health endpoints and the errors of the HTTP surface: always JSON, never a stack trace. */
class HttpSurfaceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  static void assertJsonError(HttpResponse<String> r, int status, String error) throws IOException {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(r.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception", "\tat ", "jetty", "javalin");
  }

  @Test
  void healthzReportsEachDependency() throws IOException {
    HttpResponse<String> r = server.get("/healthz");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r.body());
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("checks").get("keys").asText()).isEqualTo("ok");
  }

  @Test
  void livezAnswersWhileTheProcessServes() throws IOException {
    HttpResponse<String> r = server.get("/livez");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r.body()).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void answersAnUnknownPathWith404Json() throws IOException {
    assertJsonError(server.get("/nope"), 404, "not_found");
    assertJsonError(server.get("/verify/extra"), 404, "not_found");
  }

  @Test
  void answersAPathThatClimbsAboveTheRootWith400Json() throws IOException {
    assertJsonError(server.get("/nope/../../etc/passwd"), 400, "bad_request");
  }

  @Test
  void answersAWrongMethodWith405Json() throws IOException {
    assertJsonError(server.send("/healthz", b -> b.DELETE()), 405, "method_not_allowed");
    assertJsonError(
        server.send("/.well-known/jwks.json", b -> b.POST(HttpRequest.BodyPublishers.noBody())),
        405,
        "method_not_allowed");
  }

  @Test
  void answersAMethodNoProxyForwardsOnVerifyWith405Json() throws IOException {
    HttpResponse<String> r =
        server.send("/verify", b -> b.method("TRACE", HttpRequest.BodyPublishers.noBody()));

    assertJsonError(r, 405, "method_not_allowed");
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
  }

  @Test
  void answersVerifyWithATrailingSlashAsVerify() throws IOException {
    HttpResponse<String> r = server.get("/verify/");

    assertJsonError(r, 401, "unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void answersHeadOnVerifyWithTheStatusAndNoBody() {
    HttpResponse<String> r =
        server.send("/verify", b -> b.method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void answersOversizedHeadersWith431Json() throws IOException {
    HttpResponse<String> r =
        server.send("/verify", b -> b.header("X-Padding", "a".repeat(140 * 1024)).GET());

    assertJsonError(r, 431, "request_header_fields_too_large");
  }

  @Test
  void readsHeadersUpTo128KibAndStillAnswers() {
    HttpResponse<String> r =
        server.send("/verify", b -> b.header("X-Padding", "a".repeat(120 * 1024)).GET());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void answersAnOversizedBodyWith413Json() throws IOException {
    byte[] body = ("{\"email\":\"" + "a".repeat(100 * 1024) + "\"}").getBytes();

    HttpResponse<String> r =
        server.send(
            "/auth/login",
            b ->
                b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r.body()).get("error").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void acceptsAnOrdinaryBodyOnVerify() {
    HttpResponse<String> r =
        server.send("/verify", b -> b.POST(HttpRequest.BodyPublishers.ofString("a=1")));

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void answersARequestLineThatDoesNotParseWithoutAStackTrace() throws IOException {
    String answer = raw("GET /verify HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer).doesNotContain("Exception", "\tat ", "<html");
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.service().port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
    }
  }
}
