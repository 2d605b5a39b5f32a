package io.pgsignal.router.failure;

import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The run of consecutive failures of one loop, logged so that an outage stays visible without
 * flooding the log (a loop polling every second while the database is down would write a line per
 * second): the first failure, then one line per {@link #REPEAT_EVERY} with the count so far, and
 * one line when the loop recovers.
 */
public final class FailureRun {

  static final Duration REPEAT_EVERY = Duration.ofMinutes(1);

  private final String what;
  private final Clock clock;
  private long failures;
  private Instant firstFailedAt;
  private Instant lastLoggedAt;

  /**
   * @param what the loop's step as the subject of the log lines, e.g. {@code "Routing pass"}
   */
  public FailureRun(String what, Clock clock) {
    this.what = what;
    this.clock = clock;
  }

  public synchronized void failed(Throwable failure) {
    Instant now = clock.instant();
    failures++;
    if (failures == 1) {
      firstFailedAt = now;
      lastLoggedAt = now;
      Log.warnf("%s failed (retrying): %s", what, failure.getMessage());
    } else if (!now.isBefore(lastLoggedAt.plus(REPEAT_EVERY))) {
      lastLoggedAt = now;
      Log.warnf(
          "%s still failing: %d consecutive failures in %d s: %s",
          what, failures, secondsSinceFirst(now), failure.getMessage());
    }
  }

  public synchronized void succeeded() {
    if (failures > 0) {
      Log.infof(
          "%s recovered after %d consecutive failures in %d s",
          what, failures, secondsSinceFirst(clock.instant()));
      failures = 0;
    }
  }

  public synchronized long consecutiveFailures() {
    return failures;
  }

  private long secondsSinceFirst(Instant now) {
    return Duration.between(firstFailedAt, now).toSeconds();
  }
}
