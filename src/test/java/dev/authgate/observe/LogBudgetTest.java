package dev.authgate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authgate.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  private final TestClock clock = new TestClock();

  @Test
  void grantsTheLinesOfAWindowThenHoldsBackAndTellsHowManyWithTheNextWindow() {
    LogBudget budget = new LogBudget(clock, Duration.ofSeconds(10), 3);

    for (int i = 0; i < 3; i++) {
      assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 0));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(budget.take().log()).isFalse();
    }
    clock.advance(Duration.ofSeconds(9));
    assertThat(budget.take().log()).isFalse();
    clock.advance(Duration.ofSeconds(1));

    assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 6));
    assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 0));
  }
}
