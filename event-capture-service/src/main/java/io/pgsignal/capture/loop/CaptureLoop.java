package io.pgsignal.capture.loop;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.metrics.CaptureMetrics;
import io.pgsignal.schema.failure.FailureRun;
import io.pgsignal.schema.listen.DatasourceOptions;
import io.pgsignal.schema.listen.PgListener;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;

/**
 * Schedules passes: a NOTIFY on {@code signal_outbox}, every (re)subscribe of the LISTEN
 * connection, and a poll timer all call {@link #wake()}. At most {@code lanes} passes run at a time
 * (two by default: one claims the next facts while the other waits for its commit; they never take
 * the same fact, as with two replicas); a wake-up that arrives while all lanes are busy is not
 * lost, it runs the next pass at once. After a pass that did work the next pass starts at once
 * (facts that arrived meanwhile are taken without waiting); after an empty pass the loop keeps
 * polling fast for a while ("hot"), because writers' hints are throttled, backing off from
 * hot-poll-interval to hot-poll-max-interval while the passes keep coming back empty.
 */
@ApplicationScoped
public class CaptureLoop {

  static final String OUTBOX_CHANNEL = "signal_outbox";

  private final CapturePass pass;
  private final CaptureConfig config;
  private final CaptureMetrics metrics;
  private final Clock clock;
  private final Vertx vertx;
  private final Config rawConfig;
  private final FailureRun failures;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger emptyPasses = new AtomicInteger();
  private final Object hotTimerLock = new Object();
  private long hotTimer = -1; // guarded by hotTimerLock, as is hotTimerDue
  private long hotTimerDue;
  private volatile boolean wakeAgain;
  private volatile boolean stopping;
  private volatile Instant lastProgress;
  private volatile Instant lastWork = Instant.EPOCH;
  private volatile PgListener listener;
  private long pollTimer = -1;
  private final PassProgress progress =
      new PassProgress() {
        @Override
        public void made() {
          lastProgress = clock.instant();
        }

        @Override
        public boolean stopping() {
          return stopping;
        }
      };

  public CaptureLoop(
      CapturePass pass,
      CaptureConfig config,
      CaptureMetrics metrics,
      Clock clock,
      Vertx vertx,
      Config rawConfig) {
    this.pass = pass;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.vertx = vertx;
    this.rawConfig = rawConfig;
    this.failures = new FailureRun("Capture pass", clock);
  }

  void onStart(@Observes StartupEvent event) {
    lastProgress = clock.instant();
    if (!config.enabled()) {
      Log.info("Capture loop disabled (signal.capture.enabled=false)");
      return;
    }
    listener =
        PgListener.start(
            vertx,
            DatasourceOptions.fromConfig(rawConfig),
            List.of(OUTBOX_CHANNEL),
            payload -> wake(),
            channel -> wake());
    pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    wake();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    if (listener != null) {
      listener.close();
    }
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (running.get() > 0 && System.nanoTime() < deadline) {
      sleep(20); // the claimed batch commits or, if the pool closes first, rolls back: never half
    }
    Log.infof("Capture loop stopped (passes running: %d)", running.get());
  }

  /**
   * Runs a pass now in a free lane, or right after a running one. The request is recorded before
   * the lanes are looked at, and {@link #finish} frees its lane before it reads the request: one of
   * the two always sees the other, so a wake-up is never dropped.
   */
  public void wake() {
    if (stopping) {
      return;
    }
    wakeAgain = true;
    int busy;
    do {
      busy = running.get();
      if (busy >= config.lanes()) {
        return;
      }
    } while (!running.compareAndSet(busy, busy + 1));
    wakeAgain = false; // this pass starts after every request made so far
    try {
      pass.run(progress).subscribe().with(this::completed, this::failed);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void completed(CapturePass.Outcome outcome) {
    failures.succeeded();
    metrics.record(outcome.result());
    if (outcome.result().didWork()) {
      lastWork = clock.instant();
      emptyPasses.set(0);
    } else {
      emptyPasses.incrementAndGet();
    }
    finish(outcome.full() || outcome.result().didWork());
  }

  private void failed(Throwable error) {
    metrics.passFailed();
    failures.failed(error);
    emptyPasses.incrementAndGet(); // a database that is away is not asked again every 2 ms
    finish(false);
  }

  private void finish(boolean moreWork) {
    lastProgress = clock.instant();
    running.decrementAndGet();
    if (stopping) {
      return;
    }
    if (moreWork || wakeAgain) {
      vertx.runOnContext(v -> wake());
    } else if (isHot()) {
      scheduleHotPoll(
          hotPollDelay(emptyPasses.get(), config.hotPollInterval(), config.hotPollMaxInterval()));
    }
  }

  /**
   * Sets the hot poll's timer, or moves a pending one earlier: after a pass that found work the
   * back-off starts again at hot-poll-interval, even if a longer wait was already set.
   */
  private void scheduleHotPoll(long delayMillis) {
    long due = System.nanoTime() + delayMillis * 1_000_000;
    synchronized (hotTimerLock) {
      if (hotTimer >= 0) {
        if (hotTimerDue - due <= 0) {
          return;
        }
        vertx.cancelTimer(hotTimer);
      }
      hotTimerDue = due;
      hotTimer =
          vertx.setTimer(
              delayMillis,
              id -> {
                synchronized (hotTimerLock) {
                  if (hotTimer == id) {
                    hotTimer = -1;
                  }
                }
                wake();
              });
    }
  }

  /**
   * The wait before the next hot poll after {@code emptyPasses} empty or failed passes in a row:
   * {@code first}, then doubled each time, at most {@code max} (raised to {@code first} if lower).
   */
  static long hotPollDelay(int emptyPasses, Duration first, Duration max) {
    long maxMillis = Math.max(1, Math.max(first.toMillis(), max.toMillis()));
    long delay = Math.max(1, first.toMillis());
    for (int pass = 2; pass <= emptyPasses && delay < maxMillis; pass++) {
      delay *= 2;
    }
    return Math.min(delay, maxMillis);
  }

  private boolean isHot() {
    return clock.instant().isBefore(lastWork.plus(config.hotWindow()));
  }

  /** True while the LISTEN connection is subscribed (readiness). */
  public boolean isListening() {
    return !config.enabled() || (listener != null && listener.isListening());
  }

  /**
   * When the loop last made progress: a batch or group fold finished, or a pass ended, successful
   * or not (liveness). Stamped per batch, so a long backlog drain keeps the loop live.
   */
  public Instant lastProgress() {
    return lastProgress;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
