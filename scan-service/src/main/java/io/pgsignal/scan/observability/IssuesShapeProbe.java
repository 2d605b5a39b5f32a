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

  /**
   * The columns of {@code public.system_issues} exactly as {@code information_schema.columns} would
   * report them (same data_type names, same nullability, default, identity, generated and privilege
   * rules), read from pg_catalog: the information_schema view costs several milliseconds of
   * planning at every run, this query well under one.
   */
  static final String COLUMNS_SQL =
      """
      SELECT a.attname::text,
             CASE WHEN t.typtype = 'd' THEN
                    CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                         WHEN bt.typnamespace = 'pg_catalog'::regnamespace
                           THEN pg_catalog.format_type(t.typbasetype, NULL)
                         ELSE 'USER-DEFINED' END
                  WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                  WHEN t.typnamespace = 'pg_catalog'::regnamespace
                    THEN pg_catalog.format_type(a.atttypid, NULL)
                  ELSE 'USER-DEFINED' END,
             (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AND NOT a.atthasdef
               AND a.attidentity = '' AND a.attgenerated = '' AS mandatory
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
      WHERE c.relname = 'system_issues'
        AND c.relkind IN ('r', 'v', 'f', 'p')
        AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
             OR pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
      ORDER BY a.attnum
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
        .preparedQuery(COLUMNS_SQL)
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
