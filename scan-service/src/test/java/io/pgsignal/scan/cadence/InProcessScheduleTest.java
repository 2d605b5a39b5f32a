package io.pgsignal.scan.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessScheduleTest {

  @Test
  void aSubSecondPollIntervalIsKeptAsIs() {
    assertThat(DurationConverter.parseDuration(InProcessSchedule.every(Duration.ofMillis(500))))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parseDuration(InProcessSchedule.every(Duration.ofSeconds(30))))
        .isEqualTo(Duration.ofSeconds(30));
  }
}
