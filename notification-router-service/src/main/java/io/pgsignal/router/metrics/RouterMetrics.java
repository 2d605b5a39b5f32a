package io.pgsignal.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Counters and timers of the router's own work (gauges from the tables: DeliveryStateGauges). */
@ApplicationScoped
public class RouterMetrics {

  private final Counter eventsRouted;
  private final Counter deliveriesWritten;
  private final Counter deliveriesResolved;
  private final Counter escalations;
  private final Counter routingErrors;
  private final Timer routingLag;
  private final Counter webhookSuccesses;
  private final Counter webhookFailures;
  private final Counter webhookDead;
  private final Timer webhookLatency;

  public RouterMetrics(MeterRegistry registry) {
    eventsRouted = registry.counter("signal_router_events_routed");
    deliveriesWritten = registry.counter("signal_router_deliveries_written");
    deliveriesResolved = registry.counter("signal_router_deliveries_resolved");
    escalations = registry.counter("signal_router_escalations");
    routingErrors = registry.counter("signal_router_routing_errors");
    routingLag =
        Timer.builder("signal_router_routing_lag")
            .description("Event created_at to routed, oldest event of each batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    webhookSuccesses = registry.counter("signal_router_webhook_attempts", "outcome", "success");
    webhookFailures = registry.counter("signal_router_webhook_attempts", "outcome", "failure");
    webhookDead = registry.counter("signal_router_webhook_dead");
    webhookLatency =
        Timer.builder("signal_router_webhook_latency")
            .description("Duration of one webhook HTTP attempt")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  public void routed(int events, int deliveries, int resolved, Duration lag) {
    eventsRouted.increment(events);
    deliveriesWritten.increment(deliveries);
    deliveriesResolved.increment(resolved);
    if (lag != null && !lag.isNegative()) {
      routingLag.record(lag);
    }
  }

  public void routingError() {
    routingErrors.increment();
  }

  public void escalated(int count) {
    escalations.increment(count);
  }

  public void webhookAttempt(boolean success, Duration latency) {
    (success ? webhookSuccesses : webhookFailures).increment();
    webhookLatency.record(latency);
  }

  public void webhookDead() {
    webhookDead.increment();
  }
}
