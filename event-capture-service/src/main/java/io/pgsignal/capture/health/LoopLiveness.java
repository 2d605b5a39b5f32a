package io.pgsignal.capture.health;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.loop.CaptureLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is DOWN when the loop has made no progress (no batch or group fold finished, no pass
 * ended, successfully or not) for {@code livenessIntervals} poll intervals: the loop is stuck, a
 * restart helps. A pass draining a backlog reports every batch, so it stays UP however long it
 * runs. A database outage makes passes fail quickly, which keeps liveness UP (readiness reports the
 * outage).
 */
@Liveness
@ApplicationScoped
public class LoopLiveness implements HealthCheck {

  private final CaptureLoop loop;
  private final CaptureConfig config;
  private final Clock clock;

  public LoopLiveness(CaptureLoop loop, CaptureConfig config, Clock clock) {
    this.loop = loop;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    Instant last = loop.lastProgress();
    Duration limit = config.pollInterval().multipliedBy(config.livenessIntervals());
    boolean alive = !config.enabled() || last == null || !clock.instant().isAfter(last.plus(limit));
    return HealthCheckResponse.named("capture-loop")
        .status(alive)
        .withData("last_progress", String.valueOf(last))
        .build();
  }
}
