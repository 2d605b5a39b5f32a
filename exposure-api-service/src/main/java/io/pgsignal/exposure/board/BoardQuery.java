package io.pgsignal.exposure.board;

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

/** Reads the universal board view, newest first, one keyset page at a time. */
@ApplicationScoped
public class BoardQuery {

  static final String BOARD_SQL =
      """
      SELECT b.event_id, b.event_domain, b.event_type, b.event_stream, b.event_severity,
             b.event_subject_type, b.event_subject_ref, b.event_subject_table, b.canonical_address,
             b.actor_ref, b.source_system, b.correlation_id, b.payload_classification,
             b.created_at, b.occurred_at, b.read_count, b.latest_readers
      FROM public.v_signal_board b
      WHERE ($1::text IS NULL OR b.event_domain = $1)
        AND ($2::text IS NULL OR b.event_stream = $2)
        AND ($3::text IS NULL OR b.event_type = $3)
        AND ($4::text IS NULL OR b.event_severity = $4)
        AND ($5::uuid IS NULL OR b.event_subject_ref = $5)
        AND ($6::timestamptz IS NULL OR b.created_at >= $6)
        AND ($7::timestamptz IS NULL OR b.created_at < $7)
        AND ($8::timestamptz IS NULL OR (b.created_at, b.event_id) < ($8, $9::uuid))
      ORDER BY b.created_at DESC, b.event_id DESC
      LIMIT $10
      """;

  static final String VERSION_SQL = "SELECT signal.board_version()";

  private final Pool pool;

  public BoardQuery(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  public Uni<String> version() {
    return pool.query(VERSION_SQL)
        .execute()
        .map(rows -> String.valueOf(rows.iterator().next().getValue(0)));
  }

  public Uni<Page<BoardItem>> page(EventFilter f, Cursor.BoardPosition after, int limit) {
    Tuple args =
        Tuple.from(
            Arrays.asList(
                f.domain(),
                f.stream(),
                f.type(),
                f.severity(),
                f.subject(),
                f.since(),
                f.until(),
                after == null ? null : after.createdAt(),
                after == null ? null : after.eventId(),
                limit + 1));
    return pool.preparedQuery(BOARD_SQL)
        .execute(args)
        .map(
            rows -> {
              List<BoardItem> items = new ArrayList<>();
              for (Row r : rows) {
                items.add(toItem(r));
              }
              if (items.size() <= limit) {
                return new Page<>(items, null);
              }
              items = items.subList(0, limit);
              BoardItem last = items.get(limit - 1);
              return new Page<>(List.copyOf(items), Cursor.board(last.createdAt(), last.eventId()));
            });
  }

  private static BoardItem toItem(Row r) {
    return new BoardItem(
        r.getUUID("event_id"),
        r.getString("event_domain"),
        r.getString("event_type"),
        r.getString("event_stream"),
        r.getString("event_severity"),
        r.getString("event_subject_type"),
        r.getUUID("event_subject_ref"),
        r.getString("event_subject_table"),
        r.getString("canonical_address"),
        r.getString("actor_ref"),
        r.getString("source_system"),
        r.getString("correlation_id"),
        r.getString("payload_classification"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("occurred_at"),
        r.getInteger("read_count"),
        List.of(r.getArrayOfStrings("latest_readers")));
  }
}
