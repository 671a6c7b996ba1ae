package dev.authgate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void turnsAnythingThatIsNotACodeIntoOtherBeforeItBecomesALabel() {
    assertThat(Metrics.label("expired")).isEqualTo("expired");
    assertThat(Metrics.label("someone@example.com")).isEqualTo("other");
    assertThat(Metrics.label("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln")).isEqualTo("other");
    assertThat(Metrics.label("x".repeat(41))).isEqualTo("other");
    assertThat(Metrics.label(null)).isEqualTo("other");
  }

  @Test
  void countsSignInsJwksFetchesAndKeyReloads() {
    Metrics metrics = new Metrics();

    metrics.login(Metrics.Login.SUCCEEDED);
    metrics.login(Metrics.Login.FAILED);
    metrics.login(Metrics.Login.FAILED);
    metrics.login(Metrics.Login.LOCKED);
    metrics.jwksFetch("https://idp.example.com", false);
    metrics.keyRing(() -> 3);
    metrics.keyReload();

    assertThat(metrics.scrape())
        .contains("authgate_logins_total{outcome=\"failed\"} 2.0")
        .contains("authgate_logins_total{outcome=\"succeeded\"} 1.0")
        .contains("authgate_logins_total{outcome=\"locked\"} 1.0")
        .contains(
            "authgate_jwks_fetches_total{issuer=\"https://idp.example.com\",result=\"failed\"} 1.0")
        .contains("authgate_keys_loaded 3.0")
        .contains("authgate_keys_reloads_total 1.0")
        .contains("jvm_memory_used_bytes");
  }
}
