package io.pgsignal.router.routing;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.metrics.RouterMetrics;
import io.pgsignal.router.webhook.WebhookDispatcher;
import io.pgsignal.schema.failure.FailureRun;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The routing loop: claim → route → commit (one SQL call) → wake the webhook sender. NOTIFY and the
 * poll timer both call {@link #wake()}; one pass runs at a time per replica, a wake-up that arrives
 * during a pass is not lost, and a full batch is followed at once by the next. Errors are counted
 * and logged as a run ({@link FailureRun}); the next wake-up retries. Liveness follows the last
 * pass that ended, readiness the last successful one (health/LoopLiveness, LoopReadiness).
 */
@ApplicationScoped
public class RoutingLoop {

  private final RouteBatch routeBatch;
  private final WebhookDispatcher webhooks;
  private final RouterMetrics metrics;
  private final Clock clock;
  private final int batchSize;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private final FailureRun failures;
  private volatile Instant lastPassAt;
  private volatile Instant lastSuccessAt;

  public RoutingLoop(
      RouteBatch routeBatch,
      WebhookDispatcher webhooks,
      RouterMetrics metrics,
      Clock clock,
      RouterConfig config) {
    this.routeBatch = routeBatch;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.clock = clock;
    this.batchSize = config.routing().batchSize();
    this.failures = new FailureRun("Routing pass", clock);
    this.lastPassAt = clock.instant();
    this.lastSuccessAt = lastPassAt;
  }

  /** Runs a pass now, or right after the one in progress. */
  public void wake() {
    wakeRequested.set(true);
    if (running.compareAndSet(false, true)) {
      wakeRequested.set(false);
      pass();
    }
  }

  /**
   * When the last pass ended, successful or not (at start: when the loop was created): liveness.
   */
  public Instant lastPassAt() {
    return lastPassAt;
  }

  /** When the last pass succeeded (at start: when the loop was created): readiness. */
  public Instant lastSuccessAt() {
    return lastSuccessAt;
  }

  /** Failed passes since the last successful one. */
  public long consecutiveFailures() {
    return failures.consecutiveFailures();
  }

  private void pass() {
    routeBatch.route(batchSize).subscribe().with(this::afterBatch, this::afterFailure);
  }

  private void afterBatch(RouteResult result) {
    lastSuccessAt = clock.instant();
    lastPassAt = lastSuccessAt;
    failures.succeeded();
    if (result.eventsRouted() > 0) {
      Duration lag =
          result.oldestCreatedAt() == null
              ? null
              : Duration.between(result.oldestCreatedAt().toInstant(), lastSuccessAt);
      metrics.routed(
          result.eventsRouted(), result.deliveriesWritten(), result.deliveriesResolved(), lag);
      Log.debugf(
          "Routed %d events into %d deliveries (%d resolved)",
          result.eventsRouted(), result.deliveriesWritten(), result.deliveriesResolved());
    }
    if (result.webhookDeliveries() > 0) {
      webhooks.wake();
    }
    if (result.eventsRouted() >= batchSize) {
      pass();
    } else {
      finishPass();
    }
  }

  private void afterFailure(Throwable failure) {
    lastPassAt = clock.instant();
    metrics.routingError();
    failures.failed(failure);
    finishPass();
  }

  private void finishPass() {
    running.set(false);
    if (wakeRequested.get() && running.compareAndSet(false, true)) {
      wakeRequested.set(false);
      pass();
    }
  }
}
