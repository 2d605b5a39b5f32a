package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a keyset-paginated list: pass {@code next_cursor} back as {@code cursor} for the next
 * page; null when this is the last page.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PivotPage<T>(
    List<T> items,
    @Schema(description = "The `cursor` value for the next page; null on the last page.")
        @JsonProperty("next_cursor")
        String nextCursor) {

  /**
   * Builds a page from rows read with {@code LIMIT limit + 1}: the extra row only says that more
   * exist and is not returned.
   */
  static <T> PivotPage<T> of(List<T> rows, int limit, Function<T, String> key) {
    if (rows.size() <= limit) {
      return new PivotPage<>(rows, null);
    }
    List<T> page = rows.subList(0, limit);
    return new PivotPage<>(List.copyOf(page), key.apply(page.get(page.size() - 1)));
  }
}
