package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The login form throttles the client behind a trusted proxy, not the proxy: the last
 * X-Forwarded-For entry that is not a trusted proxy. Entries left of it were written by the client
 * and cannot buy it fresh attempts.
 */
class ClientAddressTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "AUTH_BCRYPT_ROUNDS", "4",
                "AUTH_LOGIN_MAX_FAILURES", "100",
                "AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS", "2"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int failedLogin(String forwardedFor) {
    BrowserClient browser = new BrowserClient(server);
    String csrf = browser.csrf("/login");
    HttpResponse<String> r =
        browser.post(
            "/login",
            Map.of("csrf", csrf, "email", "x@example.com", "password", "wrong password"),
            "X-Forwarded-For",
            forwardedFor);
    return r.statusCode();
  }

  @Test
  void throttlesTheClientBehindTheProxyAndNotTheProxyItself() {
    assertThat(failedLogin("203.0.113.5")).isEqualTo(401);
    assertThat(failedLogin("198.51.100.1, 203.0.113.5, 10.0.0.2")).isEqualTo(401);

    assertThat(failedLogin("203.0.113.5")).isEqualTo(429);
    assertThat(failedLogin("192.0.2.99, 203.0.113.5")).isEqualTo(429);
    assertThat(failedLogin("203.0.113.6")).isEqualTo(401);
  }
}
