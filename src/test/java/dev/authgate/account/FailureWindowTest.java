package dev.authgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
  private final TestClock clock = new TestClock();
  private final FailureWindow window = new FailureWindow(3, Duration.ofMinutes(15), clock);

  @Test
  void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
    fail("k");
    clock.advance(Duration.ofMinutes(5));
    fail("k");
    fail("k");

    assertThat(window.tryBegin("k"))
        .hasValue(new FailureWindow.Refusal(Duration.ofMinutes(10), true));
    clock.advance(Duration.ofMinutes(10));
    fail("k");
    assertThat(window.tryBegin("k"))
        .hasValue(new FailureWindow.Refusal(Duration.ofMinutes(5), true));
  }

  @Test
  void attemptsThatDidNotFailDoNotCount() {
    for (int i = 0; i < 10; i++) {
      assertThat(window.tryBegin("k")).isEmpty();
      window.withdrawn("k");
    }
  }

  @Test
  void attemptsInFlightFillTheLimitButBlockOnlyUntilOneEnds() {
    fail("k");
    window.tryBegin("k");
    window.tryBegin("k");

    assertThat(window.tryBegin("k"))
        .hasValue(new FailureWindow.Refusal(FailureWindow.IN_FLIGHT_RETRY, false));
    window.withdrawn("k");
    assertThat(window.tryBegin("k")).isEmpty();
  }

  @Test
  void aSuccessForgetsTheFailuresButNotTheOtherAttemptsInFlight() {
    fail("k");
    window.tryBegin("k");
    window.tryBegin("k");

    window.forgiven("k");

    assertThat(window.tryBegin("k")).as("one in flight and this one").isEmpty();
    assertThat(window.tryBegin("k")).isEmpty();
    assertThat(window.tryBegin("k")).map(FailureWindow.Refusal::lockedOut).hasValue(false);
  }

  @Test
  void anAttemptNeverEndedStopsCountingWhenItLeavesTheWindow() {
    for (int i = 0; i < 3; i++) {
      window.tryBegin("k");
    }
    assertThat(window.tryBegin("k")).isPresent();

    clock.advance(Duration.ofMinutes(15));

    assertThat(window.tryBegin("k")).isEmpty();
  }

  @Test
  void aSuccessForgetsTheFailuresOfItsKeyOnly() {
    for (int i = 0; i < 2; i++) {
      fail("a");
      fail("b");
    }

    window.tryBegin("a");
    window.forgiven("a");

    for (int i = 0; i < 3; i++) {
      assertThat(window.tryBegin("a")).isEmpty();
    }
    assertThat(window.tryBegin("b")).isEmpty();
    assertThat(window.tryBegin("b")).isPresent();
  }

  @Test
  void attemptsInParallelNeverExceedTheLimitAndLeaveNothingBehind() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    if (window.tryBegin("k").isPresent()) {
                      continue;
                    }
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    inFlight.decrementAndGet();
                    if ((i + seed) % 2 == 0) {
                      window.withdrawn("k");
                    } else {
                      window.forgiven("k");
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(most.get()).isLessThanOrEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(window.tryBegin("k")).as("no attempt left counted").isEmpty();
    }
    assertThat(window.tryBegin("k")).isPresent();
  }

  private void fail(String key) {
    assertThat(window.tryBegin(key)).isEmpty();
    window.failed(key);
  }
}
