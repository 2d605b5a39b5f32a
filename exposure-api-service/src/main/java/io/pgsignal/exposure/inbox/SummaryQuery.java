package io.pgsignal.exposure.inbox;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The caller's unread counts by domain and stream, with totals, all from SQL. */
@ApplicationScoped
public class SummaryQuery {

  static final String SUMMARY_SQL =
      """
      SELECT s.event_domain, s.event_stream, s.unread, s.unread_critical,
             sum(s.unread) OVER ()::integer AS total, sum(s.unread_critical) OVER ()::integer AS total_critical
      FROM signal.v_inbox_summary s
      WHERE s.recipient_ref = $1
      ORDER BY s.event_domain, s.event_stream
      """;

  private final Pool pool;

  public SummaryQuery(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  public Uni<Summary> summary(String actor) {
    return pool.preparedQuery(SUMMARY_SQL)
        .execute(Tuple.of(actor))
        .map(
            rows -> {
              List<SummaryRow> byStream = new ArrayList<>();
              int total = 0;
              int critical = 0;
              for (Row r : rows) {
                byStream.add(
                    new SummaryRow(
                        r.getString("event_domain"),
                        r.getString("event_stream"),
                        r.getInteger("unread"),
                        r.getInteger("unread_critical")));
                total = r.getInteger("total");
                critical = r.getInteger("total_critical");
              }
              return new Summary(actor, total, critical, byStream);
            });
  }
}
