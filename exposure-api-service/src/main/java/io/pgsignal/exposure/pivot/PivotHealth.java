package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one row of {@code public.v_registries_pivot_health}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotHealth", description = "State of the pivot machinery.")
public record PivotHealth(
    @Schema(description = "ok, degraded (a pivot never refreshed or stale) or empty.")
        String status,
    long catalogNodes,
    long pivotDefinitions,
    long pivotResults,
    long pivotsNeverRefreshed,
    long pivotsStale,
    @Schema(nullable = true) OffsetDateTime oldestRefreshedAt,
    @Schema(nullable = true) OffsetDateTime newestRefreshedAt) {

  static PivotHealth from(Row row) {
    return new PivotHealth(
        row.getString("status"),
        row.getLong("catalog_nodes"),
        row.getLong("pivot_definitions"),
        row.getLong("pivot_results"),
        row.getLong("pivots_never_refreshed"),
        row.getLong("pivots_stale"),
        row.getOffsetDateTime("oldest_refreshed_at"),
        row.getOffsetDateTime("newest_refreshed_at"));
  }
}
