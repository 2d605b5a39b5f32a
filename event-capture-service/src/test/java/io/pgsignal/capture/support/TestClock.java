package io.pgsignal.capture.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The system clock plus an offset that tests move forward, so windows pass without sleeping. */
@Singleton
public class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;
  private volatile Instant frozenAt;

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Stops the clock (only {@link #advance} moves it) until {@link #unfreeze}. */
  public void freeze() {
    frozenAt = Instant.now();
  }

  /** Runs again from where it stood, never backwards. */
  public void unfreeze() {
    if (frozenAt != null) {
      Instant stood = instant();
      frozenAt = null;
      offset =
          Duration.between(Instant.now(), stood).isNegative()
              ? offset
              : Duration.between(Instant.now(), stood);
    }
  }

  /**
   * In whole microseconds, as PostgreSQL stores them (it rounds, the client truncates): a
   * recorded_at written from this clock then compares exactly with a later reading.
   */
  @Override
  public Instant instant() {
    Instant frozen = frozenAt;
    return (frozen != null ? frozen : Instant.now()).plus(offset).truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
