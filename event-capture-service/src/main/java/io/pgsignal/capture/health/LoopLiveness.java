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
 * Liveness is DOWN when no pass has completed (successfully or not) for {@code livenessIntervals}
 * poll intervals: the loop is stuck, a restart helps. A database outage makes passes fail quickly,
 * which keeps liveness UP (readiness reports the outage).
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
    Instant last = loop.lastPassCompleted();
    Duration limit = config.pollInterval().multipliedBy(config.livenessIntervals());
    boolean alive = !config.enabled() || last == null || !clock.instant().isAfter(last.plus(limit));
    return HealthCheckResponse.named("capture-loop")
        .status(alive)
        .withData("last_pass_completed", String.valueOf(last))
        .build();
  }
}
