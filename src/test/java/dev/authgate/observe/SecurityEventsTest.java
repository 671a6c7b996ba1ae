package dev.authgate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecurityEventsTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.authgate.security.test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final SecurityEvents events = new SecurityEvents(logger);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void logsAFailedSignInWithUserIdClientAndWhyAsFields() {
    events.loginFailed(Optional.of("u-17"), "203.0.113.9", "bad_password");

    ILoggingEvent line = lines.list.get(0);
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

    assertThat(fields(lines.list.get(0))).containsEntry("user_id", "unknown");
  }

  @Test
  void logsEveryKindOfEventUnderItsOwnName() {
    events.loginSucceeded("u-1", "198.51.100.1");
    events.lockedOut("u-1", "198.51.100.1", Instant.parse("2026-11-26T10:15:00Z"));
    events.loggedOut("u-1", "198.51.100.1");
    events.refreshReuse("u-1", "198.51.100.1");
    events.permissionDenied("u-1", "198.51.100.1", "docs.example.com DELETE /admin");
    events.keysReloaded(List.of("kid-a", "kid-b"));

    assertThat(lines.list.stream().map(e -> fields(e).get("event")))
        .containsExactly(
            "login_succeeded",
            "lockout",
            "logout",
            "refresh_reuse",
            "permission_denied",
            "key_reload");
    assertThat(fields(lines.list.get(1))).containsEntry("until", "2026-11-26T10:15:00Z");
    assertThat(fields(lines.list.get(5))).containsEntry("kids", "kid-a,kid-b");
  }

  private static Map<String, Object> fields(ILoggingEvent e) {
    return e.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
  }
}
