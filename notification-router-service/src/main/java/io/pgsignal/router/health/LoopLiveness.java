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
 * Liveness is DOWN when no routing pass ended, successfully or not, for {@code stall-after}: the
 * loop is stuck and a restart helps. Passes that keep failing (the database is down, a grant is
 * missing) keep it UP, as a restart would not cure them; {@link LoopReadiness} reports those.
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
    Duration sincePass = Duration.between(loop.lastPassAt(), clock.instant());
    return HealthCheckResponse.named("router-loop")
        .status(sincePass.compareTo(stallAfter) < 0)
        .withData("last_pass_ms_ago", sincePass.toMillis())
        .build();
  }
}
