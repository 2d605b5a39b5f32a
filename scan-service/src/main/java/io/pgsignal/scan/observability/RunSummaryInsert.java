package io.pgsignal.scan.observability;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The INSERT of a run summary into {@code public.system_issues} with the columns its live shape
 * has, and its arguments ($1…). Not for {@code BLOCKED_FOR_OBSERVABILITY_DECISION}: then nothing is
 * written. Never creates tables or columns.
 */
public record RunSummaryInsert(String sql, Tuple arguments) {

  /** INSERT of the given columns; names come only from {@link IssuesShape#KNOWN}. */
  static final String INSERT_SQL = "INSERT INTO public.system_issues (%s) VALUES (%s)";

  public static RunSummaryInsert of(IssuesShape shape, RunSummary summary) {
    if (shape.status() == ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION) {
      throw new IllegalArgumentException("a blocked shape takes no run summary");
    }
    Map<String, Object> row = summary.row(shape);
    List<String> columns = new ArrayList<>();
    List<String> params = new ArrayList<>();
    Tuple values = Tuple.tuple();
    int n = 1;
    for (var e : row.entrySet()) {
      columns.add('"' + e.getKey() + '"');
      String type = shape.typeOf(e.getKey());
      String cast = "jsonb".equals(type) ? "::jsonb" : "json".equals(type) ? "::json" : "";
      params.add("$" + n++ + cast);
      values.addValue(e.getValue());
    }
    return new RunSummaryInsert(
        INSERT_SQL.formatted(String.join(", ", columns), String.join(", ", params)), values);
  }
}
