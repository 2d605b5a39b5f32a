package io.pgsignal.capture.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.capture.outbox.PassResult;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of what this instance did; the outbox gauges are in {@link OutboxGauges}. */
@ApplicationScoped
public class CaptureMetrics {

  private final Counter factsProcessed;
  private final Counter eventsWritten;
  private final Counter deadLettered;
  private final Counter failedAttempts;
  private final Counter factsGrouped;
  private final Counter passFailures;
  private final Counter passes;

  public CaptureMetrics(MeterRegistry registry) {
    factsProcessed =
        Counter.builder("signal.capture.facts.processed")
            .description("Facts turned into events or dead-lettered by this instance")
            .register(registry);
    eventsWritten =
        Counter.builder("signal.capture.events.written")
            .description("Events written by this instance")
            .register(registry);
    deadLettered =
        Counter.builder("signal.capture.dead.letters")
            .description("Facts dead-lettered by this instance")
            .register(registry);
    failedAttempts =
        Counter.builder("signal.capture.failed.attempts")
            .description("Failed processing attempts (will be retried with back-off)")
            .register(registry);
    factsGrouped =
        Counter.builder("signal.capture.facts.grouped")
            .description("Facts folded into grouped events")
            .register(registry);
    passes =
        Counter.builder("signal.capture.passes")
            .description(
                "Passes run by this instance, with or without work (idle polling shows here)")
            .register(registry);
    passFailures =
        Counter.builder("signal.capture.pass.failures")
            .description("Passes that failed as a whole (database unreachable, ...)")
            .register(registry);
  }

  public void record(PassResult result) {
    passes.increment();
    factsProcessed.increment(result.claimed());
    eventsWritten.increment(result.written());
    deadLettered.increment(result.dead());
    failedAttempts.increment(result.failed());
    factsGrouped.increment(result.folded());
  }

  public void passFailed() {
    passes.increment();
    passFailures.increment();
  }
}
