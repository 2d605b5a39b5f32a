package io.pgsignal.exposure.health;

import io.pgsignal.exposure.stream.DeliveryFeed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the LISTEN connection that feeds the live stream is up. */
@Readiness
@ApplicationScoped
public class DeliveryListenerCheck implements HealthCheck {

  private final DeliveryFeed feed;

  public DeliveryListenerCheck(DeliveryFeed feed) {
    this.feed = feed;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("delivery-listener").status(feed.isListening()).build();
  }
}
