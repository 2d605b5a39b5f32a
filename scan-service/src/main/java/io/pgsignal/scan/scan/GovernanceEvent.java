package io.pgsignal.scan.scan;

import io.pgsignal.scan.observability.ObservabilityStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The scan's result as a governance fact: {@code birth_registry / onboarding_full_scan_completed}
 * through {@code signal.emit} (counts and ids only, never content).
 */
@ApplicationScoped
public class GovernanceEvent {

  /** The call with its four parameters numbered from %1$d, so it can follow other parameters. */
  static final String EMIT_CALL =
      """
      signal.emit(p_domain => 'birth_registry', p_event_type => 'onboarding_full_scan_completed',
                  p_subject_type => 'birth_full_scan_run', p_subject_ref => $%1$d,
                  p_actor_ref => 'service:scan-service', p_safe_payload => $%2$d::jsonb,
                  p_severity => $%3$d, p_correlation_id => $%4$d,
                  p_source_function => 'public.fn_birth_onboarding_full_scan')""";

  static final String EMIT_SQL = "SELECT " + EMIT_CALL.formatted(1, 2, 3, 4);

  /** The safe payload the event carries. */
  public static JsonObject payload(JsonObject result, ObservabilityStatus observability) {
    return new JsonObject()
        .put("run_id", result.getString("run_id"))
        .put("status", result.getString("status"))
        .put("scanned", result.getInteger("scanned", 0))
        .put("gaps_total", result.getInteger("gaps_total", 0))
        .put("gaps_new", result.getInteger("gaps_new", 0))
        .put("gaps_already_open", result.getInteger("gaps_already_open", 0))
        .put("gaps_by_type", result.getJsonObject("gaps_by_type"))
        .put("missing", result.getJsonArray("missing"))
        .put("duration_ms", result.getValue("duration_ms"))
        .put("observability_status", observability.name());
  }

  /** info (clean), warning (gaps), critical (dependency_fail). */
  public static String severity(JsonObject result) {
    if ("dependency_fail".equals(result.getString("status"))) {
      return "critical";
    }
    return result.getInteger("gaps_total", 0) > 0 ? "warning" : "info";
  }

  /** Emits the event; returns the outbox fact id. */
  public Uni<Long> emit(SqlClient client, JsonObject result, ObservabilityStatus observability) {
    return client
        .preparedQuery(EMIT_SQL)
        .execute(arguments(Tuple.tuple(), result, observability))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Appends the four arguments of {@link #EMIT_CALL} to {@code tuple}. */
  static Tuple arguments(Tuple tuple, JsonObject result, ObservabilityStatus observability) {
    String runId = result.getString("run_id");
    return tuple
        .addValue(UUID.fromString(runId))
        .addValue(payload(result, observability))
        .addValue(severity(result))
        .addValue(runId);
  }
}
