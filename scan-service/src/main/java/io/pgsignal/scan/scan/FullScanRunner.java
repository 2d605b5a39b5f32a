package io.pgsignal.scan.scan;

import io.pgsignal.scan.ScanConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One trigger of the full scan (seed 000 §1) as one statement and one commit: {@code
 * signal.run_birth_full_scan} (db/signal V600) checks the kill switch, takes the single-flight
 * lock, scans, writes the run summary by the live shape of {@code system_issues} and emits the
 * governance event. This class owns what stays in Java: the HTTP status, metrics and the log line.
 * The body is the function's JSON text, passed through unparsed.
 */
@ApplicationScoped
public class FullScanRunner {

  /** The body as text and the few fields the status, metrics and log need. */
  static final String RUN_SQL =
      """
      SELECT r::text, r->>'status', r->>'run_id', r->>'observability_status', r->>'observability_reason',
             (r->>'scanned')::int, (r->>'gaps_total')::int, (r->>'gaps_new')::int, r->'gaps_by_type'
      FROM signal.run_birth_full_scan($1, $2) AS r
      """;

  private final Pool pool;
  private final ScanMetrics metrics;
  private final long lockKey;

  public FullScanRunner(Pool pool, ScanMetrics metrics, ScanConfig config) {
    this.pool = pool;
    this.metrics = metrics;
    this.lockKey = config.lockKey();
  }

  public Uni<ScanOutcome> trigger(boolean dryRun) {
    long started = System.nanoTime();
    return pool.preparedQuery(RUN_SQL)
        .execute(Tuple.of(lockKey, dryRun))
        .map(rows -> outcome(rows.iterator().next(), dryRun, started));
  }

  private ScanOutcome outcome(Row r, boolean dryRun, long started) {
    String body = r.getString(0);
    String status = r.getString(1);
    switch (status) {
      case "running" -> {
        metrics.refused("running");
        return new ScanOutcome(409, body);
      }
      case "disabled" -> {
        metrics.refused("disabled");
        return new ScanOutcome(200, body);
      }
      case "kill_switch_unreadable" -> {
        // a deployment fault (missing grant), not a policy: the caller should see a failure
        metrics.refused("kill_switch_unreadable");
        return new ScanOutcome(503, body);
      }
      default -> {
        String observability = r.getString(3);
        if (!dryRun) {
          metrics.run(
              status,
              observability,
              r.getInteger(7),
              (JsonObject) r.getValue(8),
              Duration.ofNanos(System.nanoTime() - started));
        }
        Log.infof(
            "full scan %s%s %s: scanned %s, gaps %s (%s new), observability %s (%s)",
            r.getString(2),
            dryRun ? " (dry run, rolled back)" : "",
            status,
            r.getInteger(5),
            r.getInteger(6),
            r.getInteger(7),
            observability,
            r.getString(4));
        return new ScanOutcome(200, body);
      }
    }
  }
}
