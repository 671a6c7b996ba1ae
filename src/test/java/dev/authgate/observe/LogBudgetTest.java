package dev.authgate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  private Instant now = Instant.parse("2026-11-26T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void grantsTheLinesOfAWindowThenHoldsBackAndTellsHowManyWithTheNextWindow() {
    LogBudget budget = new LogBudget(clock, Duration.ofSeconds(10), 3);

    for (int i = 0; i < 3; i++) {
      assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 0));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(budget.take().log()).isFalse();
    }
    now = now.plusSeconds(9);
    assertThat(budget.take().log()).isFalse();
    now = now.plusSeconds(1);

    assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 6));
    assertThat(budget.take()).isEqualTo(new LogBudget.Grant(true, 0));
  }
}
