package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one row of {@code public.fn_registries_pivot_node_substrate(code)}: metadata and counts. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotNodeSubstrate", description = "One catalog node: metadata and counts only.")
public record NodeSubstrate(
    String code,
    String name,
    String entityType,
    String compositionLevel,
    @Schema(nullable = true) String parentCode,
    boolean isRoot,
    boolean hasChildren,
    long childCount,
    String lifecycle,
    @Schema(description = "Count the catalog records; null when unmeasured.", nullable = true)
        Long recordCount,
    @Schema(description = "Measured count (the stored pivot value).", nullable = true)
        Long actualCount,
    @Schema(description = "pivot, manual or unmeasured.") String countSource,
    @Schema(nullable = true) String pivotCode,
    boolean pivotBacked,
    @Schema(description = "Stored pivot value; null when the pivot is missing.", nullable = true)
        Long pivotCount,
    @Schema(description = "PIVOT_OK, PIVOT_STALE or PIVOT_MISSING.") String badge,
    @Schema(description = "verified, drift or unverified.") String countIntegrityStatus,
    @Schema(description = "pivot_count minus record_count; null when unverified.", nullable = true)
        Long gap,
    @Schema(nullable = true) OffsetDateTime refreshedAt,
    boolean pivotStale) {

  static NodeSubstrate from(Row row) {
    return new NodeSubstrate(
        row.getString("code"),
        row.getString("name"),
        row.getString("entity_type"),
        row.getString("composition_level"),
        row.getString("parent_code"),
        row.getBoolean("is_root"),
        row.getBoolean("has_children"),
        row.getLong("child_count"),
        row.getString("lifecycle"),
        row.getLong("record_count"),
        row.getLong("actual_count"),
        row.getString("count_source"),
        row.getString("pivot_code"),
        row.getBoolean("pivot_backed"),
        row.getLong("pivot_count"),
        row.getString("badge"),
        row.getString("count_integrity_status"),
        row.getLong("gap"),
        row.getOffsetDateTime("refreshed_at"),
        row.getBoolean("pivot_stale"));
  }
}
