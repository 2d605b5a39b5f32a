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

  /**
   * The actor's deliveries above the stream's settled horizon that it has not sent yet, oldest
   * first, with the bounds of the snapshot they were read in (the statement's own snapshot), which
   * {@link StreamCursor} needs to settle them. A LEFT JOIN so an empty read still brings the
   * bounds.
   */
  static final String AFTER_SQL =
      """
      SELECT s.xmin, s.xmax, i.*
      FROM (SELECT pg_snapshot_xmin(c)::text::bigint AS xmin, pg_snapshot_xmax(c)::text::bigint AS xmax
            FROM pg_current_snapshot() c) s
      LEFT JOIN LATERAL (
          SELECT
      """
          + InboxItem.COLUMNS
          + """
          FROM signal.v_inbox i
          WHERE i.recipient_ref = $1 AND i.delivery_id > $2 AND i.delivery_id <> ALL ($3::bigint[])
            AND i.state <> 'implicit_self'
          ORDER BY i.delivery_id
          LIMIT $4
      ) i ON true
      ORDER BY i.delivery_id
      """;

  /** One read: its snapshot's xmin and xmax, and the deliveries it returned. */
  public record Read(long xmin, long xmax, List<InboxItem> items) {}

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

  public Uni<Read> after(String actor, StreamCursor cursor, int limit) {
    return pool.preparedQuery(AFTER_SQL)
        .execute(Tuple.of(actor, cursor.settled(), cursor.sentAbove(), limit))
        .map(
            rows -> {
              long xmin = 0;
              long xmax = 0;
              List<InboxItem> items = new ArrayList<>();
              for (Row r : rows) {
                xmin = r.getLong(0);
                xmax = r.getLong(1);
                if (r.getValue(2) != null) {
                  items.add(InboxItem.of(r, 2));
                }
              }
              return new Read(xmin, xmax, items);
            });
  }
}
