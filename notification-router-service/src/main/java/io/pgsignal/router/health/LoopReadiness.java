package io.pgsignal.router.health;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.routing.RoutingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while every routing pass has failed for {@code stall-after} (a broken function,
 * lost privileges, the database gone): the loop runs but routes nothing, which an operator must
 * see; restarting would not help, so liveness stays UP ({@link LoopLiveness}).
 */
@Readiness
@ApplicationScoped
public class LoopReadiness implements HealthCheck {

  private final RoutingLoop loop;
  private final Clock clock;
  private final Duration stallAfter;

  public LoopReadiness(RoutingLoop loop, Clock clock, RouterConfig config) {
    this.loop = loop;
    this.clock = clock;
    this.stallAfter = config.routing().stallAfter();
  }

  @Override
  public HealthCheckResponse call() {
    Duration sinceSuccess = Duration.between(loop.lastSuccessAt(), clock.instant());
    long failures = loop.consecutiveFailures();
    return HealthCheckResponse.named("router-passes")
        .status(failures == 0 || sinceSuccess.compareTo(stallAfter) < 0)
        .withData("last_success_ms_ago", sinceSuccess.toMillis())
        .withData("consecutive_failures", failures)
        .build();
  }
}
