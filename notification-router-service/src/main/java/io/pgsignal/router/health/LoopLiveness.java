package io.pgsignal.router.health;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.routing.RoutingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness is DOWN when the routing loop has not completed a pass for {@code stall-after}. */
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
    Duration sinceLastPass = Duration.between(loop.lastPassAt(), clock.instant());
    return HealthCheckResponse.named("router-loop")
        .status(sinceLastPass.compareTo(stallAfter) < 0)
        .withData("last_pass_ms_ago", sinceLastPass.toMillis())
        .build();
  }
}
