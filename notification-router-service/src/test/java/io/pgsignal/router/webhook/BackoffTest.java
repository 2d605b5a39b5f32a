package io.pgsignal.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(42));

  @Test
  void eachAttemptWaitsBetweenHalfAndAllOfTheDoubledDelay() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      long ceiling = 1000L << (attempt - 1);
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.after(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void theDelayIsCappedAndStillJittered() {
    var seen = new java.util.HashSet<Long>();
    for (int i = 0; i < 100; i++) {
      long ms = backoff.after(40).toMillis();
      assertThat(ms).isBetween(15_000L, 30_000L);
      seen.add(ms);
    }
    assertThat(seen).as("jitter spreads retries").hasSizeGreaterThan(10);
  }
}
