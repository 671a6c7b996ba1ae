package dev.authgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TryAgainInTest {

  @Test
  void aWaitUnderAMinuteIsSaidInSeconds() {
    assertThat(SignInHandlers.tryAgainIn(Duration.ofSeconds(1)))
        .isEqualTo("Try again in a second.");
    assertThat(SignInHandlers.tryAgainIn(Duration.ofMillis(300)))
        .isEqualTo("Try again in a second.");
    assertThat(SignInHandlers.tryAgainIn(Duration.ofSeconds(45)))
        .isEqualTo("Try again in 45 seconds.");
  }

  @Test
  void aLongerWaitIsRoundedUpToWholeMinutes() {
    assertThat(SignInHandlers.tryAgainIn(Duration.ofSeconds(60)))
        .isEqualTo("Try again in 1 minute.");
    assertThat(SignInHandlers.tryAgainIn(Duration.ofSeconds(61)))
        .isEqualTo("Try again in 2 minutes.");
    assertThat(SignInHandlers.tryAgainIn(Duration.ofMinutes(15)))
        .isEqualTo("Try again in 15 minutes.");
  }
}
