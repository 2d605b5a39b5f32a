package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of {@code public.v_count_drift}: a living list whose record differs from its pivot. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotCountDrift", description = "A drifted list, from v_count_drift.")
public record CountDrift(
    String code,
    String name,
    String entityType,
    Long recordCount,
    Long actualCount,
    @Schema(description = "actual_count minus record_count, computed by the view.") Long gap,
    @Schema(description = "under_recorded or over_recorded.") String driftSide,
    @Schema(description = "minor or major.") String driftClassification,
    String pivotCode,
    OffsetDateTime refreshedAt,
    String badge) {

  static CountDrift from(Row row) {
    return new CountDrift(
        row.getString("code"),
        row.getString("name"),
        row.getString("entity_type"),
        row.getLong("record_count"),
        row.getLong("actual_count"),
        row.getLong("gap"),
        row.getString("drift_side"),
        row.getString("drift_classification"),
        row.getString("pivot_code"),
        row.getOffsetDateTime("refreshed_at"),
        row.getString("badge"));
  }
}
