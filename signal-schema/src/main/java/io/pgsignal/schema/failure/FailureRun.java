package io.pgsignal.schema.failure;

import io.vertx.pgclient.PgException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The run of consecutive failures of one loop, logged so that an outage stays visible without
 * flooding the log (a loop polling every second while the database is down would write a line per
 * second): the first failure, then one line per {@link #REPEAT_EVERY} with the count so far, and
 * one line when the loop recovers.
 */
public final class FailureRun {

  private static final Logger LOG = Logger.getLogger(FailureRun.class);
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
      LOG.warnf("%s failed (retrying): %s", what, describe(failure));
    } else if (!now.isBefore(lastLoggedAt.plus(REPEAT_EVERY))) {
      lastLoggedAt = now;
      LOG.warnf(
          "%s still failing: %d consecutive failures in %d s: %s",
          what, failures, secondsSinceFirst(now), describe(failure));
    }
  }

  public synchronized void succeeded() {
    if (failures > 0) {
      LOG.infof(
          "%s recovered after %d consecutive failures in %d s",
          what, failures, secondsSinceFirst(clock.instant()));
      failures = 0;
    }
  }

  public synchronized long consecutiveFailures() {
    return failures;
  }

  /**
   * The SQLSTATE and message of a database error (never its DETAIL, which may quote row values), or
   * the type and message of anything else.
   */
  public static String describe(Throwable error) {
    return error instanceof PgException pg
        ? pg.getSqlState() + ": " + pg.getErrorMessage()
        : error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  private long secondsSinceFirst(Instant now) {
    return Duration.between(firstFailedAt, now).toSeconds();
  }
}
