package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
  private final TestClock clock = new TestClock();
  private final FailureWindow window = new FailureWindow(3, Duration.ofMinutes(15), clock);

  @Test
  void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
    window.tryAcquire("k");
    clock.advance(Duration.ofMinutes(5));
    window.tryAcquire("k");
    window.tryAcquire("k");

    assertThat(window.tryAcquire("k")).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(window.tryAcquire("k")).isEmpty();
    assertThat(window.tryAcquire("k")).hasValue(Duration.ofMinutes(5));
  }

  @Test
  void releasedAttemptsDoNotCount() {
    for (int i = 0; i < 10; i++) {
      assertThat(window.tryAcquire("k")).isEmpty();
      window.release("k");
    }
  }

  @Test
  void aResetClearsTheKeyOnly() {
    for (int i = 0; i < 3; i++) {
      window.tryAcquire("a");
      window.tryAcquire("b");
    }

    window.reset("a");

    assertThat(window.tryAcquire("a")).isEmpty();
    assertThat(window.tryAcquire("b")).isPresent();
  }
}
