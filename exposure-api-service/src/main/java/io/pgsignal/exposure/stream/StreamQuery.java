package io.pgsignal.exposure.stream;

import io.pgsignal.exposure.inbox.InboxItem;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads an actor's inbox deliveries after a delivery id, oldest first, for the live stream. */
@ApplicationScoped
public class StreamQuery {

  static final String AFTER_SQL =
      "SELECT "
          + InboxItem.COLUMNS
          + """
          FROM signal.v_inbox i
          WHERE i.recipient_ref = $1 AND i.delivery_id > $2 AND i.state <> 'implicit_self'
          ORDER BY i.delivery_id
          LIMIT $3
          """;

  static final String HEAD_SQL =
      """
      SELECT coalesce(max(i.delivery_id), 0) FROM signal.v_inbox i WHERE i.recipient_ref = $1
      """;

  private final Pool pool;

  public StreamQuery(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  /** The newest delivery id of the actor now: a fresh stream starts after it. */
  public Uni<Long> head(String actor) {
    return pool.preparedQuery(HEAD_SQL)
        .execute(Tuple.of(actor))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Uni<List<InboxItem>> after(String actor, long afterId, int limit) {
    return pool.preparedQuery(AFTER_SQL)
        .execute(Tuple.of(actor, afterId, limit))
        .map(
            rows -> {
              List<InboxItem> items = new ArrayList<>();
              for (Row r : rows) {
                items.add(InboxItem.of(r, 0));
              }
              return items;
            });
  }
}
