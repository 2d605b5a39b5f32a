package io.pgsignal.router.webhook;

import io.pgsignal.router.config.InstanceId;
import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.metrics.RouterMetrics;
import io.pgsignal.schema.failure.FailureRun;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The webhook loop: lease due deliveries → POST each (no transaction open) → record the outcome.
 * Woken by the routing loop, by a finished attempt (its endpoint has a free slot again) and by a
 * poll timer; the reaper runs on its own timer. At shutdown it stops claiming, waits (up to {@code
 * shutdown-wait}) for the attempts in flight to record their outcome, then releases only the leases
 * whose attempt never started: an outcome is recorded under the lease, so releasing the lease of a
 * running attempt would lose a success and send it again after the deploy. Failing claims and
 * reaper runs are logged as runs ({@link FailureRun}), not once per tick.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private final WebhookClaim claim;
  private final WebhookSender sender;
  private final WebhookOutcomes outcomes;
  private final LeaseReaper reaper;
  private final RouterMetrics metrics;
  private final RouterConfig.Webhook config;
  private final String owner;
  private final Backoff backoff;
  private final AtomicBoolean claiming = new AtomicBoolean();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final FailureRun claimFailures;
  private final FailureRun reaperFailures;
  private volatile boolean stopped;

  @Inject
  public WebhookDispatcher(
      WebhookClaim claim,
      WebhookSender sender,
      WebhookOutcomes outcomes,
      LeaseReaper reaper,
      RouterMetrics metrics,
      RouterConfig config,
      Clock clock,
      InstanceId instanceId) {
    this(claim, sender, outcomes, reaper, metrics, config, clock, instanceId.value());
  }

  /** A dispatcher leasing as {@code owner}; tests use it to play a second replica. */
  WebhookDispatcher(
      WebhookClaim claim,
      WebhookSender sender,
      WebhookOutcomes outcomes,
      LeaseReaper reaper,
      RouterMetrics metrics,
      RouterConfig config,
      Clock clock,
      String owner) {
    this.claim = claim;
    this.sender = sender;
    this.outcomes = outcomes;
    this.reaper = reaper;
    this.metrics = metrics;
    this.config = config.webhook();
    this.owner = owner;
    this.backoff = new Backoff(this.config.backoffBase(), this.config.backoffMax(), new Random());
    this.claimFailures = new FailureRun("Webhook claim", clock);
    this.reaperFailures = new FailureRun("Webhook lease reaper", clock);
  }

  void start(@Observes StartupEvent event, Vertx vertx) {
    if (!config.enabled()) {
      Log.info("Webhook sending is disabled on this replica");
      return;
    }
    vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    vertx.setPeriodic(
        config.reaperInterval().toMillis(),
        id ->
            reaper
                .reapExpired()
                .subscribe()
                .with(n -> reaperFailures.succeeded(), reaperFailures::failed));
  }

  void stop(@Observes ShutdownEvent event) {
    shutdown();
  }

  /**
   * Stops claiming, waits for the attempts in flight (bounded by {@code shutdown-wait}), then
   * releases this replica's leases except those of attempts still running: their outcome may still
   * be recorded, and otherwise their lease expires and the reaper returns them.
   */
  void shutdown() {
    stopped = true;
    if (!config.enabled()) {
      return;
    }
    long deadline = System.nanoTime() + config.shutdownWait().toNanos();
    try {
      while ((claiming.get() || !inFlight.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Long[] running = inFlight.toArray(Long[]::new);
    if (running.length > 0) {
      Log.warnf(
          "%d webhook attempts still in flight at shutdown keep their lease until it expires",
          running.length);
    }
    try {
      reaper.releaseMine(owner, running).await().atMost(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      Log.warnf("Cannot release webhook leases of %s at shutdown: %s", owner, e.getMessage());
    }
  }

  /** Claims due deliveries now, or right after the claim in progress. */
  public void wake() {
    if (stopped || !config.enabled()) {
      return;
    }
    wakeRequested.set(true);
    if (claiming.compareAndSet(false, true)) {
      wakeRequested.set(false);
      claimBatch();
    }
  }

  private void claimBatch() {
    claim
        .claim(
            owner, config.lease().toMillis(), config.perEndpointConcurrency(), config.batchSize())
        .subscribe()
        .with(this::afterClaim, this::afterClaimFailure);
  }

  private void afterClaim(List<WebhookJob> jobs) {
    claimFailures.succeeded();
    // a batch claimed while stopping is not started: shutdown() releases its leases
    if (!stopped) {
      jobs.forEach(this::attempt);
    }
    if (jobs.size() >= config.batchSize() && !stopped) {
      claimBatch();
      return;
    }
    claiming.set(false);
    if (wakeRequested.get() && claiming.compareAndSet(false, true)) {
      wakeRequested.set(false);
      claimBatch();
    }
  }

  private void afterClaimFailure(Throwable failure) {
    claimFailures.failed(failure);
    claiming.set(false);
  }

  /** Starts one attempt; it counts as in flight until its outcome is recorded (or fails to be). */
  void attempt(WebhookJob job) {
    inFlight.add(job.deliveryId());
    sender
        .send(job)
        .chain(result -> record(job, result))
        .onTermination()
        .invoke(() -> inFlight.remove(job.deliveryId()))
        .subscribe()
        .with(
            state -> wake(),
            e -> Log.warnf("Delivery %d: cannot record the outcome: %s", job.deliveryId(), e));
  }

  private Uni<String> record(WebhookJob job, WebhookAttempt result) {
    metrics.webhookAttempt(result.success(), result.latency());
    if (result.success()) {
      return outcomes.delivered(job, owner);
    }
    int attemptNo = job.attempts() + 1;
    // a failure no retry can heal ends the delivery now (dead, re-driven once the endpoint is
    // fixed)
    int maxAttempts = result.retryable() ? config.maxAttempts() : attemptNo;
    return outcomes
        .failed(job, owner, result.error(), maxAttempts, backoff.after(attemptNo))
        .invoke(
            state -> {
              if ("dead".equals(state)) {
                metrics.webhookDead();
                Log.warnf(
                    "Delivery %d to %s is dead after %d attempts: %s",
                    job.deliveryId(), job.recipientRef(), attemptNo, result.error());
              } else {
                Log.debugf(
                    "Delivery %d attempt %d failed: %s",
                    job.deliveryId(), attemptNo, result.error());
              }
            });
  }
}
