package io.pgsignal.router.health;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.routing.RoutingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is DOWN when no routing pass succeeded for {@code stall-after}: a loop that runs but
 * fails every pass (a broken function, lost privileges) is as stuck as one that does not run.
 */
@Liveness
@ApplicationScoped
public class LoopLiveness implements HealthCheck {

  private final RoutingLoop loop;
  private final Clock clock;
  private final Duration stallAfter;

  public LoopLiveness(RoutingLoop loop, Clock clock, RouterConfig config) {
    this.loop = loop;
    this.clock = clock;
    this.stallAfter = config.routing().stallAfter();
  }

  @Override
  public HealthCheckResponse call() {
    Duration sinceSuccess = Duration.between(loop.lastSuccessAt(), clock.instant());
    return HealthCheckResponse.named("router-loop")
        .status(sinceSuccess.compareTo(stallAfter) < 0)
        .withData("last_success_ms_ago", sinceSuccess.toMillis())
        .withData("consecutive_failures", loop.consecutiveFailures())
        .build();
  }
}
