package io.pgsignal.capture.health;

import io.pgsignal.capture.loop.CaptureLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while the LISTEN connection on signal_outbox is not subscribed. */
@Readiness
@ApplicationScoped
public class ListenerReadiness implements HealthCheck {

  private final CaptureLoop loop;

  public ListenerReadiness(CaptureLoop loop) {
    this.loop = loop;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("capture-listen").status(loop.isListening()).build();
  }
}
