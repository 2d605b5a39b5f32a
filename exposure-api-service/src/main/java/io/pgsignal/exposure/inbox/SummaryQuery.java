package io.pgsignal.exposure.inbox;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's unread counts by domain and stream, with totals, all from SQL, read in one statement
 * with the inbox change marker (a LEFT JOIN: no unread rows still brings the marker).
 */
@ApplicationScoped
public class SummaryQuery {

  public static final String SUMMARY_SQL =
      """
      WITH m AS MATERIALIZED (
          SELECT k.version FROM signal.v_inbox_marker k WHERE k.recipient_ref = $1
      )
      SELECT m.version, s.event_domain, s.event_stream, s.unread, s.unread_critical, s.total, s.total_critical
      FROM m
      LEFT JOIN LATERAL (
          SELECT s.event_domain, s.event_stream, s.unread, s.unread_critical,
                 sum(s.unread) OVER ()::integer AS total,
                 sum(s.unread_critical) OVER ()::integer AS total_critical
          FROM signal.v_inbox_summary s
          WHERE s.recipient_ref = $1
      ) s ON true
      ORDER BY s.event_domain, s.event_stream
      """;

  private final Pool pool;

  public SummaryQuery(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  public Uni<Marked<Summary>> summary(String actor) {
    return pool.preparedQuery(SUMMARY_SQL)
        .execute(Tuple.of(actor))
        .map(
            rows -> {
              String version = null;
              List<SummaryRow> byStream = new ArrayList<>();
              int total = 0;
              int critical = 0;
              for (Row r : rows) {
                version = r.getString("version");
                if (r.getValue("event_domain") == null) {
                  continue;
                }
                byStream.add(
                    new SummaryRow(
                        r.getString("event_domain"),
                        r.getString("event_stream"),
                        r.getInteger("unread"),
                        r.getInteger("unread_critical")));
                total = r.getInteger("total");
                critical = r.getInteger("total_critical");
              }
              return new Marked<>(version, new Summary(actor, total, critical, byStream));
            });
  }
}
