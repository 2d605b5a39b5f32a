package io.pgsignal.exposure.pivot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of {@code public.v_registries_pivot_tree}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PivotTreeNode", description = "A node of the drill-down tree.")
public record TreeNode(
    String nodeCode,
    @Schema(nullable = true) String parentCode,
    String name,
    String entityType,
    @Schema(description = "registry, group or list.") String compositionLevel,
    boolean isRoot,
    boolean hasChildren,
    @Schema(description = "living or retired.") String lifecycle) {

  static TreeNode from(Row row) {
    return new TreeNode(
        row.getString("node_code"),
        row.getString("parent_code"),
        row.getString("name"),
        row.getString("entity_type"),
        row.getString("composition_level"),
        row.getBoolean("is_root"),
        row.getBoolean("has_children"),
        row.getString("lifecycle"));
  }
}
