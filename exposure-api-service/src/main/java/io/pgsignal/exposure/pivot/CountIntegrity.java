package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one row of {@code public.v_count_integrity}, with the drifted lists of {@code
 * public.v_count_drift} when {@code ?detail=drift} asked for them (absent otherwise).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotCountIntegrity", description = "Integrity summary over the living lists.")
public record CountIntegrity(
    long leafRows,
    long sumRecord,
    long sumActual,
    @Schema(description = "Sum of the verified gaps (actual minus record), computed by the view.")
        long netGap,
    long driftRows,
    long unverifiedRows,
    long pivotBacked,
    long pivotMissing,
    long pivotStale,
    @Schema(nullable = true) OffsetDateTime oldestRefreshedAt,
    @Schema(description = "verified, drift or unverified.") String status,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Present with ?detail=drift: a page of v_count_drift.")
        PivotPage<CountDrift> drift) {

  static CountIntegrity from(Row row) {
    return new CountIntegrity(
        row.getLong("leaf_rows"),
        row.getLong("sum_record"),
        row.getLong("sum_actual"),
        row.getLong("net_gap"),
        row.getLong("drift_rows"),
        row.getLong("unverified_rows"),
        row.getLong("pivot_backed"),
        row.getLong("pivot_missing"),
        row.getLong("pivot_stale"),
        row.getOffsetDateTime("oldest_refreshed_at"),
        row.getString("status"),
        null);
  }

  CountIntegrity withDrift(PivotPage<CountDrift> page) {
    return new CountIntegrity(
        leafRows,
        sumRecord,
        sumActual,
        netGap,
        driftRows,
        unverifiedRows,
        pivotBacked,
        pivotMissing,
        pivotStale,
        oldestRefreshedAt,
        status,
        page);
  }
}
