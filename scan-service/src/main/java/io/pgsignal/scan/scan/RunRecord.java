package io.pgsignal.scan.scan;

import io.pgsignal.scan.observability.IssuesShape;
import io.pgsignal.scan.observability.ObservabilityStatus;
import io.pgsignal.scan.observability.RunSummary;
import io.pgsignal.scan.observability.RunSummaryInsert;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records a finished run: the summary into {@code system_issues} (as the live shape allows) and the
 * governance event, in one statement, so one round trip and one commit. A summary that cannot be
 * written leaves nothing behind (the statement is atomic) and the event then says {@code
 * BLOCKED_FOR_OBSERVABILITY_DECISION}, as when the shape itself blocks.
 */
final class RunRecord {

  /** %s: the summary INSERT; %s: the emit call, its parameters after the INSERT's. */
  static final String SUMMARY_AND_EVENT_SQL =
      """
      WITH summary AS (%s RETURNING 1)
      SELECT %s FROM (SELECT count(*) FROM summary) AS written
      """;

  private final GovernanceEvent events;

  RunRecord(GovernanceEvent events) {
    this.events = events;
  }

  /** The status the run was recorded with and the event's outbox fact id. */
  record Recorded(ObservabilityStatus status, long factId) {}

  Uni<Recorded> record(SqlConnection conn, IssuesShape shape, JsonObject result) {
    if (shape.status() == ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION) {
      return emitOnly(conn, result, shape.status());
    }
    RunSummary summary = RunSummary.of(result);
    RunSummaryInsert insert = RunSummaryInsert.of(shape, summary);
    String sql =
        SUMMARY_AND_EVENT_SQL.formatted(
            insert.sql(),
            GovernanceEvent.EMIT_CALL.formatted(
                next(insert, 0), next(insert, 1), next(insert, 2), next(insert, 3)));
    Tuple arguments = GovernanceEvent.arguments(insert.arguments(), result, shape.status());
    return conn.preparedQuery(sql)
        .execute(arguments)
        .map(rows -> new Recorded(shape.status(), rows.iterator().next().getLong(0)))
        .onFailure()
        .recoverWithUni(
            e -> {
              Log.warnf("run %s: summary not written: %s", summary.entityRef(), e.getMessage());
              return emitOnly(conn, result, ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION);
            });
  }

  private static int next(RunSummaryInsert insert, int i) {
    return insert.arguments().size() + 1 + i;
  }

  private Uni<Recorded> emitOnly(
      SqlConnection conn, JsonObject result, ObservabilityStatus status) {
    return events.emit(conn, result, status).map(factId -> new Recorded(status, factId));
  }
}
