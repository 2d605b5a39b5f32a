package io.pgsignal.scan.cadence;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the {@code birth_full_scan_cadence_drift} gauge current between health checks. */
@ApplicationScoped
public class CadenceDriftGauge {

  private final CadenceReport report;

  public CadenceDriftGauge(CadenceReport report) {
    this.report = report;
  }

  @Scheduled(
      every = "${signal.scan.cadence-check-interval:60s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return report.evaluate().onFailure().recoverWithNull().replaceWithVoid();
  }
}
