package io.pgsignal.router.health;

import io.pgsignal.router.routing.EventWakeup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while LISTEN signal_event is not established (the poll still routes). */
@Readiness
@ApplicationScoped
public class ListenReadiness implements HealthCheck {

  private final EventWakeup wakeup;

  public ListenReadiness(EventWakeup wakeup) {
    this.wakeup = wakeup;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("router-listen").status(wakeup.isListening()).build();
  }
}
