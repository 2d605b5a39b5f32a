package io.pgsignal.scan.scan;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.observability.IssuesShape;
import io.pgsignal.scan.observability.IssuesShapeProbe;
import io.pgsignal.scan.observability.ObservabilityStatus;
import io.pgsignal.scan.observability.RunSummary;
import io.pgsignal.scan.observability.RunSummaryWriter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * One trigger of the full scan (seed 000 §1): kill switch → single flight (session advisory lock,
 * the holder names its run in {@code application_name}) → the function → run summary → governance
 * event. A dry run does the same scan inside a transaction that is rolled back.
 */
@ApplicationScoped
public class FullScanRunner {

  static final String LOCK_SQL = "SELECT pg_try_advisory_lock($1)";
  static final String NAME_SQL = "SELECT set_config('application_name', $1, false)";
  static final String UNLOCK_SQL =
      "SELECT pg_advisory_unlock($1), set_config('application_name', 'scan-service', false)";
  static final String SCAN_SQL = "SELECT public.fn_birth_onboarding_full_scan($1)";
  static final String RUNNING_SQL =
      """
      SELECT a.application_name
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295)
      """;
  static final String APP_PREFIX = "birth-full-scan:";

  private final Pool pool;
  private final ScanPolicy policy;
  private final IssuesShapeProbe shapes;
  private final RunSummaryWriter summaries;
  private final GovernanceEvent events;
  private final ScanMetrics metrics;
  private final long lockKey;

  public FullScanRunner(
      Pool pool,
      ScanPolicy policy,
      IssuesShapeProbe shapes,
      RunSummaryWriter summaries,
      GovernanceEvent events,
      ScanMetrics metrics,
      ScanConfig config) {
    this.pool = pool;
    this.policy = policy;
    this.shapes = shapes;
    this.summaries = summaries;
    this.events = events;
    this.metrics = metrics;
    this.lockKey = config.lockKey();
  }

  public Uni<ScanOutcome> trigger(boolean dryRun) {
    return policy
        .read()
        .flatMap(
            p -> {
              if (p.disabled()) {
                metrics.refused("disabled");
                return Uni.createFrom()
                    .item(
                        new ScanOutcome(
                            200,
                            new JsonObject()
                                .put("status", "disabled")
                                .putNull("run_id")
                                .put("dry_run", dryRun)
                                .put(
                                    "message",
                                    "kill switch "
                                        + ScanPolicy.ENABLED_KEY
                                        + " is not true: nothing scanned")));
              }
              return pool.withConnection(conn -> singleFlight(conn, dryRun));
            });
  }

  private Uni<ScanOutcome> singleFlight(SqlConnection conn, boolean dryRun) {
    UUID runId = UUID.randomUUID();
    return conn.preparedQuery(LOCK_SQL)
        .execute(Tuple.of(lockKey))
        .flatMap(
            rows -> {
              if (!rows.iterator().next().getBoolean(0)) {
                return running(conn);
              }
              return conn.preparedQuery(NAME_SQL)
                  .execute(Tuple.of(APP_PREFIX + runId))
                  .flatMap(x -> dryRun ? dryRun(conn, runId) : realRun(conn, runId))
                  .eventually(
                      () ->
                          conn.preparedQuery(UNLOCK_SQL)
                              .execute(Tuple.of(lockKey))
                              .replaceWithVoid());
            });
  }

  private Uni<ScanOutcome> running(SqlConnection conn) {
    metrics.refused("running");
    return conn.preparedQuery(RUNNING_SQL)
        .execute(Tuple.of(lockKey))
        .map(
            rows -> {
              String app = rows.size() == 0 ? null : rows.iterator().next().getString(0);
              String running =
                  app != null && app.startsWith(APP_PREFIX)
                      ? app.substring(APP_PREFIX.length())
                      : null;
              return new ScanOutcome(
                  409,
                  new JsonObject()
                      .put("error", "scan_running")
                      .put("message", "a full scan is already running (run " + running + ")")
                      .put("run_id", running));
            });
  }

  private Uni<ScanOutcome> realRun(SqlConnection conn, UUID runId) {
    long started = System.nanoTime();
    return scan(conn, runId)
        .flatMap(
            result ->
                shapes
                    .probe(conn)
                    .flatMap(shape -> observe(conn, shape, result))
                    .flatMap(
                        body -> {
                          metrics.run(
                              result,
                              body.getString("observability_status"),
                              Duration.ofNanos(System.nanoTime() - started));
                          Log.infof(
                              "full scan %s %s: scanned %s, gaps %s (%s new), observability %s",
                              runId,
                              result.getString("status"),
                              result.getValue("scanned"),
                              result.getValue("gaps_total"),
                              result.getValue("gaps_new"),
                              body.getString("observability_status"));
                          return Uni.createFrom().item(new ScanOutcome(200, body));
                        }));
  }

  private Uni<JsonObject> observe(SqlConnection conn, IssuesShape shape, JsonObject result) {
    RunSummary summary = RunSummary.of(result);
    return summaries
        .write(conn, shape, summary)
        .onFailure()
        .recoverWithItem(
            e -> {
              Log.warnf("run %s: summary not written: %s", summary.entityRef(), e.getMessage());
              return ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION;
            })
        .flatMap(
            status ->
                events
                    .emit(conn, result, status)
                    .map(
                        factId ->
                            result
                                .copy()
                                .put("dry_run", false)
                                .put("observability_status", status.name())
                                .put("observability_reason", shape.reason())
                                .put("event_fact_id", factId)));
  }

  private Uni<ScanOutcome> dryRun(SqlConnection conn, UUID runId) {
    return conn.begin()
        .flatMap(
            tx ->
                scan(conn, runId)
                    .flatMap(result -> shapes.probe(conn).map(shape -> wouldLog(shape, result)))
                    .call(tx::rollback)
                    .onFailure()
                    .call(tx::rollback))
        .map(body -> new ScanOutcome(200, body));
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

  private Uni<JsonObject> scan(SqlConnection conn, UUID runId) {
    return conn.preparedQuery(SCAN_SQL)
        .execute(Tuple.of(runId))
        .map(rows -> (JsonObject) rows.iterator().next().getValue(0));
  }
}
