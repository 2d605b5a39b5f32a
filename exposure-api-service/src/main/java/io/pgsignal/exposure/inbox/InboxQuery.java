package io.pgsignal.exposure.inbox;

import io.pgsignal.exposure.api.Cursor;
import io.pgsignal.exposure.api.EventFilter;
import io.pgsignal.exposure.api.Page;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The caller's inbox (signal.v_inbox), newest delivery first, one keyset page at a time. */
@ApplicationScoped
public class InboxQuery {

  /**
   * The marker and one keyset page in one statement: a LEFT JOIN so an empty page still brings the
   * marker (one row with null item columns). MATERIALIZED reads the marker once; as a plain join
   * the planner evaluates the view's scalar subquery once per page row. The inner subquery ({@code
   * OFFSET 0} keeps it apart) is only the actor's deliveries below the cursor, newest first: the
   * planner walks the recipient's inbox index in order and the filters outside it stop the walk
   * after limit + 1 matches, instead of reading (and joining) all of an actor's deliveries and
   * sorting them. {@code %s} is the walk's state predicate (see {@link #UNREAD_SQL}).
   */
  private static final String PAGE_SQL =
      """
      WITH m AS MATERIALIZED (
          SELECT k.version FROM signal.v_inbox_marker k WHERE k.recipient_ref = $1
      )
      SELECT m.version, i.*
      FROM m
      LEFT JOIN LATERAL (
          SELECT
      """
          + InboxItem.COLUMNS
          + """
          FROM (SELECT * FROM signal.v_inbox w
                WHERE w.recipient_ref = $1 %s
                  AND w.delivery_id < coalesce($11::bigint, 9223372036854775807)
                ORDER BY w.delivery_id DESC
                OFFSET 0) i
          WHERE ($2::boolean OR i.unread OR ($3::boolean AND i.state = 'implicit_self'))
            AND ($3::boolean OR i.state <> 'implicit_self')
            AND ($4::text IS NULL OR i.event_domain = $4)
            AND ($5::text IS NULL OR i.event_stream = $5)
            AND ($6::text IS NULL OR i.event_type = $6)
            AND ($7::text IS NULL OR i.event_severity = $7)
            AND ($8::uuid IS NULL OR i.event_subject_ref = $8)
            AND ($9::timestamptz IS NULL OR i.created_at >= $9)
            AND ($10::timestamptz IS NULL OR i.created_at < $10)
          ORDER BY i.delivery_id DESC
          LIMIT $12
      ) i ON true
      ORDER BY i.delivery_id DESC
      """;

  /**
   * The default listing (unread, without the caller's own events): only open deliveries can be
   * unread, so the walk is over the open-deliveries index (V309), which skips an actor's read,
   * acknowledged and resolved history altogether.
   */
  public static final String UNREAD_SQL =
      PAGE_SQL.formatted("AND w.state IN ('pending', 'delivered', 'failed')");

  /** Any other listing (state=all or include_self): the walk is over all inbox deliveries. */
  static final String INBOX_SQL = PAGE_SQL.formatted("");

  /** The marker alone: what a poll with If-None-Match reads before deciding on 304. */
  public static final String VERSION_SQL =
      "SELECT m.version FROM signal.v_inbox_marker m WHERE m.recipient_ref = $1";

  private final Pool pool;

  public InboxQuery(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  /** Change marker of the actor's inbox and summary (null when the actor no longer exists). */
  public Uni<String> version(String actor) {
    return pool.preparedQuery(VERSION_SQL)
        .execute(Tuple.of(actor))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
  }

  /** One page of the actor's inbox with the marker read in the same statement. */
  public Uni<Marked<Page<InboxItem>>> page(
      String actor, boolean all, boolean includeSelf, EventFilter f, Long before, int limit) {
    Tuple args =
        Tuple.from(
            Arrays.asList(
                actor,
                all,
                includeSelf,
                f.domain(),
                f.stream(),
                f.type(),
                f.severity(),
                f.subject(),
                f.since(),
                f.until(),
                before,
                limit + 1));
    return pool.preparedQuery(all || includeSelf ? INBOX_SQL : UNREAD_SQL)
        .execute(args)
        .map(
            rows -> {
              String version = null;
              List<InboxItem> items = new ArrayList<>();
              for (Row r : rows) {
                version = r.getString(0);
                if (r.getValue(1) != null) {
                  items.add(InboxItem.of(r, 1));
                }
              }
              if (items.size() <= limit) {
                return new Marked<>(version, new Page<>(items, null));
              }
              List<InboxItem> page = List.copyOf(items.subList(0, limit));
              return new Marked<>(
                  version, new Page<>(page, Cursor.inbox(page.get(limit - 1).deliveryId())));
            });
  }
}
