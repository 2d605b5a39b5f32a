package io.pgsignal.scan.scan;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.observability.IssuesShape;
import io.pgsignal.scan.observability.IssuesShapeProbe;
import io.pgsignal.scan.observability.ObservabilityStatus;
import io.pgsignal.scan.observability.RunSummary;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * One trigger of the full scan (seed 000 §1): kill switch → single flight (session advisory lock,
 * the holder names its run in {@code application_name}) → the function → run summary → governance
 * event. A dry run does the same scan inside a transaction that is rolled back.
 *
 * <p>Round trips of a real run: (1) gate, guarded scan and shape probe, pipelined; (2) summary and
 * event in one statement, then the unlock, pipelined. The shape is still probed at every run, after
 * the function. Should the summary fail, the fallback event (BLOCKED…) follows the unlock.
 */
@ApplicationScoped
public class FullScanRunner {

  private final Pool pool;
  private final IssuesShapeProbe shapes;
  private final RunRecord records;
  private final ScanMetrics metrics;
  private final RunGate gate;

  public FullScanRunner(
      Pool pool,
      IssuesShapeProbe shapes,
      GovernanceEvent events,
      ScanMetrics metrics,
      ScanConfig config) {
    this.pool = pool;
    this.shapes = shapes;
    this.records = new RunRecord(events);
    this.metrics = metrics;
    this.gate = new RunGate(config.lockKey());
  }

  public Uni<ScanOutcome> trigger(boolean dryRun) {
    return pool.withConnection(conn -> dryRun ? dryRun(conn) : realRun(conn));
  }

  private Uni<ScanOutcome> realRun(SqlConnection conn) {
    long started = System.nanoTime();
    UUID runId = UUID.randomUUID();
    // Sent together: the scan runs only if the gate took the lock (see RunGate.SCAN_SQL).
    Uni<RunGate.Opening> opening = gate.open(conn, runId);
    Uni<JsonObject> scanned = gate.scanIfHolder(conn, runId);
    Uni<IssuesShape> shape = shapes.probe(conn);
    return Uni.combine()
        .all()
        .unis(opening, scanned, shape)
        .asTuple()
        // the lock may be held (the scan or the probe failed): release it; a no-op when not held
        .onFailure()
        .call(() -> gate.close(conn))
        .flatMap(
            t -> {
              RunGate.Opening o = t.getItem1();
              if (!o.allowed()) {
                return Uni.createFrom().item(disabled(false));
              }
              if (!o.locked()) {
                return running(conn);
              }
              if (t.getItem2()
                  == null) { // opened without dot_config: the pipelined scan was skipped
                return scanAndRecord(conn, runId, started).eventually(() -> gate.close(conn));
              }
              // Sent together: the unlock follows the summary and the event on the connection.
              Uni<ScanOutcome> recorded =
                  Uni.createFrom()
                      .deferred(() -> record(conn, runId, started, t.getItem2(), t.getItem3()));
              return Uni.combine()
                  .all()
                  .unis(recorded, gate.close(conn).replaceWith(Boolean.TRUE))
                  .with((outcome, closed) -> outcome);
            });
  }

  /** Scans and probes now (the gate opened only on its second attempt, without dot_config). */
  private Uni<ScanOutcome> scanAndRecord(SqlConnection conn, UUID runId, long started) {
    return gate.scanIfHolder(conn, runId)
        .flatMap(
            result -> shapes.probe(conn).flatMap(s -> record(conn, runId, started, result, s)));
  }

  private Uni<ScanOutcome> record(
      SqlConnection conn, UUID runId, long started, JsonObject result, IssuesShape shape) {
    return records
        .record(conn, shape, result)
        .map(
            recorded -> {
              JsonObject body =
                  result
                      .copy()
                      .put("dry_run", false)
                      .put("observability_status", recorded.status().name())
                      .put("observability_reason", shape.reason())
                      .put("event_fact_id", recorded.factId());
              metrics.run(
                  result, recorded.status().name(), Duration.ofNanos(System.nanoTime() - started));
              Log.infof(
                  "full scan %s %s: scanned %s, gaps %s (%s new), observability %s",
                  runId,
                  result.getString("status"),
                  result.getValue("scanned"),
                  result.getValue("gaps_total"),
                  result.getValue("gaps_new"),
                  recorded.status());
              return new ScanOutcome(200, body);
            });
  }

  private Uni<ScanOutcome> dryRun(SqlConnection conn) {
    UUID runId = UUID.randomUUID();
    return gate.open(conn, runId)
        .flatMap(
            o -> {
              if (!o.allowed()) {
                return Uni.createFrom().item(disabled(true));
              }
              if (!o.locked()) {
                return running(conn);
              }
              return conn.begin()
                  .flatMap(
                      tx ->
                          gate.scanIfHolder(conn, runId)
                              .flatMap(
                                  result ->
                                      shapes.probe(conn).map(shape -> wouldLog(shape, result)))
                              .call(tx::rollback)
                              .onFailure()
                              .call(tx::rollback))
                  .map(body -> new ScanOutcome(200, body))
                  .eventually(() -> gate.close(conn));
            });
  }

  private ScanOutcome disabled(boolean dryRun) {
    metrics.refused("disabled");
    return new ScanOutcome(
        200,
        new JsonObject()
            .put("status", "disabled")
            .putNull("run_id")
            .put("dry_run", dryRun)
            .put(
                "message",
                "kill switch " + ScanPolicy.ENABLED_KEY + " is not true: nothing scanned"));
  }

  private Uni<ScanOutcome> running(SqlConnection conn) {
    metrics.refused("running");
    return gate.running(conn)
        .map(
            running ->
                new ScanOutcome(
                    409,
                    new JsonObject()
                        .put("error", "scan_running")
                        .put("message", "a full scan is already running (run " + running + ")")
                        .put("run_id", running)));
  }

  private static JsonObject wouldLog(IssuesShape shape, JsonObject result) {
    RunSummary summary = RunSummary.of(result);
    boolean blocked = shape.status() == ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION;
    JsonObject would =
        new JsonObject()
            .put("gap_issues", result.getJsonArray("new_gaps"))
            .put("run_summary", blocked ? null : new JsonObject(summary.row(shape)))
            .put(
                "governance_event",
                new JsonObject()
                    .put("domain", "birth_registry")
                    .put("event_type", "onboarding_full_scan_completed")
                    .put("severity", GovernanceEvent.severity(result))
                    .put("safe_payload", GovernanceEvent.payload(result, shape.status())));
    return result
        .copy()
        .put("dry_run", true)
        .put("observability_status", shape.status().name())
        .put("observability_reason", shape.reason())
        .put("would_log", would);
  }
}
