package io.pgsignal.scan.observability;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads the live shape of {@code public.system_issues}, at every run (it can change under us). */
@ApplicationScoped
public class IssuesShapeProbe {

  static final String COLUMNS_SQL =
      """
      SELECT column_name::text, data_type::text,
             (is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'
              AND is_generated = 'NEVER') AS mandatory
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'system_issues'
      ORDER BY ordinal_position
      """;

  private final Pool pool;

  public IssuesShapeProbe(Pool pool) {
    this.pool = pool;
  }

  public Uni<IssuesShape> probe() {
    return probe(pool);
  }

  public Uni<IssuesShape> probe(SqlClient client) {
    return client
        .query(COLUMNS_SQL)
        .execute()
        .map(
            rows -> {
              List<IssuesShape.Column> columns = new ArrayList<>();
              for (Row r : rows) {
                columns.add(
                    new IssuesShape.Column(r.getString(0), r.getString(1), r.getBoolean(2)));
              }
              return IssuesShape.of(columns);
            });
  }
}
