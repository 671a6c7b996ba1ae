package dev.authgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.JarProcess;
import dev.authgate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwksFetchMetricsTest {

  @Test
  void countsFetchesOfARemoteKeySetByIssuerAndResult() throws InterruptedException {
    String jwks = "http://127.0.0.1:" + JarProcess.freePort() + "/certs";
    try (TestServer server =
        TestServer.start(
            Map.of("AUTH_JWKS_URI", jwks, "AUTH_JWT_ISSUER", "https://idp.example.test"))) {
      String expected =
          "authgate_jwks_fetches_total{issuer=\"https://idp.example.test\",result=\"failed\"}";
      String metrics = "";
      for (int i = 0; i < 50 && !metrics.contains(expected); i++) {
        Thread.sleep(100);
        metrics = server.get("/metrics").body();
      }

      assertThat(metrics).contains(expected);
    }
  }
}
