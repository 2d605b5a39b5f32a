package io.pgsignal.scan.observability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The live shape of {@code public.system_issues} as {@code signal.birth_full_scan_issues_shape()}
 * (db/signal V600) classifies it for a run summary: the status, why, the columns and the ones a
 * summary fills. The classification lives in SQL only, where the run itself uses it.
 */
public record IssuesShape(
    ObservabilityStatus status,
    String reason,
    List<Column> columns,
    List<String> writable,
    String detailsColumn) {

  /** One column as {@code information_schema.columns} would report it. */
  public record Column(String name, String dataType, boolean mandatory) {}

  /** Reads the function's JSON. */
  public static IssuesShape from(JsonObject shape) {
    List<Column> columns = new ArrayList<>();
    for (Object o : shape.getJsonArray("columns", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      columns.add(new Column(c.getString("name"), c.getString("type"), c.getBoolean("mandatory")));
    }
    List<String> writable = new ArrayList<>();
    for (Object name : shape.getJsonArray("writable", new JsonArray())) {
      writable.add((String) name);
    }
    return new IssuesShape(
        ObservabilityStatus.valueOf(shape.getString("status")),
        shape.getString("reason"),
        List.copyOf(columns),
        List.copyOf(writable),
        shape.getString("details_column"));
  }
}
