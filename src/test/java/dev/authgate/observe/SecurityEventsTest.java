package dev.authgate.observe;

import static dev.authgate.support.LogCapture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.authgate.support.LogCapture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecurityEventsTest {
  private static final String LOGGER = "dev.authgate.security.test";
  private final LogCapture capture = LogCapture.of(LOGGER);
  private final Metrics metrics = new Metrics();
  private final SecurityEvents events =
      new SecurityEvents(
          LoggerFactory.getLogger(LOGGER),
          metrics,
          new LogBudget(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1), 2));

  @AfterEach
  void release() {
    capture.close();
  }

  @Test
  void logsAFailedSignInWithUserIdClientAndWhyAsFields() {
    events.loginFailed(Optional.of("u-17"), "203.0.113.9", "bad_password");

    ILoggingEvent line = capture.lines().get(0);
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(fields(line))
        .containsEntry("event", "login_failed")
        .containsEntry("user_id", "u-17")
        .containsEntry("client", "203.0.113.9")
        .containsEntry("why", "bad_password");
  }

  @Test
  void namesAnUnknownUserUnknownRatherThanWhatWasTyped() {
    events.loginFailed(Optional.empty(), "203.0.113.9", "unknown_user");

    assertThat(fields(capture.lines().get(0))).containsEntry("user_id", "unknown");
  }

  @Test
  void logsEveryKindOfEventUnderItsOwnName() {
    events.loginSucceeded("u-1", "198.51.100.1");
    events.lockedOut("198.51.100.1", "900");
    events.loggedOut("u-1", "198.51.100.1");
    events.refreshReuse("u-1", "198.51.100.1");
    events.permissionDenied("u-1", "198.51.100.1", "docs.example.com DELETE /admin");
    events.keysReloaded(List.of("kid-a", "kid-b"));

    assertThat(capture.lines().stream().map(e -> fields(e).get("event")))
        .containsExactly(
            "login_succeeded",
            "lockout",
            "logout",
            "refresh_reuse",
            "permission_denied",
            "key_reload");
    assertThat(fields(capture.lines().get(1))).containsEntry("retry_after_s", "900");
    assertThat(fields(capture.lines().get(5))).containsEntry("kids", "kid-a,kid-b");
  }

  @Test
  void countsSignInOutcomesAndLogsLockoutsWithinTheirBudget() {
    events.loginSucceeded("u-1", "198.51.100.1");
    events.loginFailed(Optional.empty(), "198.51.100.1", "unknown_user");
    for (int i = 0; i < 5; i++) {
      events.lockedOut("198.51.100.1", "60");
    }

    assertThat(capture.lines()).hasSize(4);
    assertThat(metrics.scrape())
        .contains("authgate_logins_total{outcome=\"succeeded\"} 1.0")
        .contains("authgate_logins_total{outcome=\"failed\"} 1.0")
        .contains("authgate_logins_total{outcome=\"locked\"} 5.0");
  }
}
