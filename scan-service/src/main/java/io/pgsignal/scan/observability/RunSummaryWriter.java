package io.pgsignal.scan.observability;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a run summary into {@code public.system_issues} with the columns its live shape has; under
 * {@code BLOCKED_FOR_OBSERVABILITY_DECISION} writes nothing. Never creates tables or columns.
 */
@ApplicationScoped
public class RunSummaryWriter {

  /** INSERT of the given columns; names come only from {@link IssuesShape#KNOWN}. */
  static final String INSERT_SQL = "INSERT INTO public.system_issues (%s) VALUES (%s)";

  public Uni<ObservabilityStatus> write(SqlClient client, IssuesShape shape, RunSummary summary) {
    if (shape.status() == ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION) {
      return Uni.createFrom().item(shape.status());
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
    String sql = INSERT_SQL.formatted(String.join(", ", columns), String.join(", ", params));
    return client.preparedQuery(sql).execute(values).replaceWith(shape.status());
  }
}
