package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one row of {@code public.pivot_query(code)}: a stored pivot value, never recomputed. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotValue", description = "One pivot's stored value.")
public record PivotValue(
    String code,
    @Schema(nullable = true) String name,
    @Schema(description = "What the pivot counts.", nullable = true) String source,
    @Schema(description = "Stored value; null when the pivot is missing.", nullable = true)
        Long value,
    boolean pivotBacked,
    @Schema(description = "PIVOT_OK, PIVOT_STALE or PIVOT_MISSING.") String badge,
    @Schema(description = "When the value was computed; null when missing.", nullable = true)
        OffsetDateTime refreshedAt,
    boolean pivotStale) {

  static PivotValue from(Row row) {
    return new PivotValue(
        row.getString("code"),
        row.getString("name"),
        row.getString("source"),
        row.getLong("value"),
        row.getBoolean("pivot_backed"),
        row.getString("badge"),
        row.getOffsetDateTime("refreshed_at"),
        row.getBoolean("pivot_stale"));
  }
}
