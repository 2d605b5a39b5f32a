package io.pgsignal.router.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": attempt n waits between half and all of {@code base *
 * 2^(n-1)}, capped at {@code max}, so retries of many deliveries spread out instead of stampeding.
 */
public final class Backoff {

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** Delay after the {@code attempt}-th failed attempt (1-based). */
  public Duration after(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = Math.min(max.toMillis(), base.toMillis() << shift);
    if (ceiling <= 1) {
      return Duration.ofMillis(Math.max(ceiling, 0));
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
