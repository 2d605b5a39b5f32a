package io.pgsignal.capture.loop;

import static io.pgsignal.capture.loop.CaptureLoop.hotPollDelay;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HotPollDelayTest {

  private static final Duration TWO_MS = Duration.ofMillis(2);

  @Test
  void doublesFromTheHotIntervalUpToTheMaximumAsPassesComeBackEmpty() {
    assertThat(
            IntStream.rangeClosed(0, 7)
                .mapToLong(empty -> hotPollDelay(empty, TWO_MS, Duration.ofMillis(16)))
                .toArray())
        .containsExactly(2, 2, 4, 8, 16, 16, 16, 16);
  }

  @Test
  void aMaximumBelowTheHotIntervalTurnsTheBackOffOff() {
    assertThat(hotPollDelay(5, TWO_MS, Duration.ofMillis(1))).isEqualTo(2);
    assertThat(hotPollDelay(5, TWO_MS, TWO_MS)).isEqualTo(2);
  }

  @Test
  void neverOverflowsAfterAnyNumberOfEmptyPasses() {
    assertThat(hotPollDelay(Integer.MAX_VALUE, Duration.ofHours(1), Duration.ofDays(1)))
        .isEqualTo(Duration.ofDays(1).toMillis());
  }
}
