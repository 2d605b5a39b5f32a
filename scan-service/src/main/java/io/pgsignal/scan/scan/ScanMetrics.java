package io.pgsignal.scan.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Scan durations, gaps and cadence drift on {@code /q/metrics}. */
@ApplicationScoped
public class ScanMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastGapsByType = new ConcurrentHashMap<>();
  private final AtomicInteger drift = new AtomicInteger();

  public ScanMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("birth_full_scan_cadence_drift", drift);
  }

  /** Records a finished run (complete or dependency_fail). */
  public void run(
      String status,
      String observability,
      Integer gapsNew,
      JsonObject gapsByType,
      Duration endToEnd) {
    Timer.builder("birth_full_scan_duration")
        .description("End-to-end duration of a full scan through the endpoint")
        .tag("status", status)
        .register(registry)
        .record(endToEnd);
    Counter.builder("birth_full_scan_runs")
        .tag("status", status)
        .tag("observability", observability)
        .register(registry)
        .increment();
    Counter.builder("birth_full_scan_gaps_new")
        .register(registry)
        .increment(gapsNew == null ? 0 : gapsNew);
    JsonObject byType = gapsByType == null ? new JsonObject() : gapsByType;
    for (String type : byType.fieldNames()) {
      lastGapsByType
          .computeIfAbsent(
              type,
              t ->
                  registry.gauge(
                      "birth_full_scan_gaps",
                      java.util.List.of(io.micrometer.core.instrument.Tag.of("type", t)),
                      new AtomicLong()))
          .set(byType.getInteger(type, 0));
    }
  }

  /** Counts a refusal (disabled, already running). */
  public void refused(String reason) {
    Counter.builder("birth_full_scan_refused").tag("reason", reason).register(registry).increment();
  }

  /** 1 while the policy, the Directus flow and the CronJob disagree. */
  public void drift(boolean inSync) {
    drift.set(inSync ? 0 : 1);
  }
}
