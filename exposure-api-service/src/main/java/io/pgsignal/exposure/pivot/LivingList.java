package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of {@code public.v_living_lists}, as stored: nothing is computed here. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotLivingList", description = "A living list (leaf) of the catalog.")
public record LivingList(
    String code,
    String name,
    String entityType,
    String compositionLevel,
    @Schema(description = "Recorded count; null when count_source is unmeasured.", nullable = true)
        Long listCount,
    @Schema(description = "pivot, manual or unmeasured.") String countSource,
    String pivotCode,
    @Schema(description = "False when the pivot is undefined or never refreshed.")
        boolean pivotBacked,
    @Schema(description = "Stored pivot value; null when the pivot is missing.", nullable = true)
        Long pivotCount,
    @Schema(description = "PIVOT_OK, PIVOT_STALE or PIVOT_MISSING.") String badge,
    @Schema(description = "verified, drift or unverified.") String countIntegrityStatus,
    @Schema(description = "When the pivot was last computed; null when missing.", nullable = true)
        OffsetDateTime refreshedAt) {

  static LivingList from(Row row) {
    return new LivingList(
        row.getString("code"),
        row.getString("name"),
        row.getString("entity_type"),
        row.getString("composition_level"),
        row.getLong("list_count"),
        row.getString("count_source"),
        row.getString("pivot_code"),
        row.getBoolean("pivot_backed"),
        row.getLong("pivot_count"),
        row.getString("badge"),
        row.getString("count_integrity_status"),
        row.getOffsetDateTime("refreshed_at"));
  }
}
