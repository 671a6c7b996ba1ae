package dev.authgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VerifyEndpointTest {
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
  void answersIdentityHeadersForAValidAccessToken() {
    String token =
        server
            .service()
            .tokens()
            .access("user-1", "a@example.com", List.of("admin", "dev"), List.of("docs:read"), null)
            .token();

    HttpResponse<String> r = server.verify(token);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-User-Id")).hasValue("user-1");
    assertThat(r.headers().firstValue("X-User-Email")).hasValue("a@example.com");
    assertThat(r.headers().firstValue("X-User-Roles")).hasValue("admin,dev");
    assertThat(r.headers().firstValue("X-User-Permissions")).hasValue("docs:read");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void refusesARequestWithoutCredentialWithABareBearerChallenge() {
    HttpResponse<String> r = server.get("/verify");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void refusesARefreshTokenAndSaysSo() {
    String refresh =
        server.service().tokens().refresh("user-1", "s1", java.time.Duration.ofHours(1)).token();

    HttpResponse<String> r = server.verify(refresh);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"invalid_token\", error_description=\"refresh token used as an access token\"");
  }
}
