package io.pgsignal.exposure.iu;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/**
 * Calls the IU compatibility functions with their seed signatures and returns their JSON as
 * PostgreSQL rendered it ({@code {"items": [...]}} built in SQL).
 */
@ApplicationScoped
public class IuQueries {

  static final String BOARD_SQL =
      """
      SELECT jsonb_build_object('items', coalesce(jsonb_agg(b ORDER BY ord), '[]'::jsonb))::text
      FROM public.fn_iu_notification_board($1, $2, $3) WITH ORDINALITY AS x(b, ord)
      """;
  static final String UNREAD_SQL =
      """
      SELECT jsonb_build_object('items', coalesce(jsonb_agg(u ORDER BY ord), '[]'::jsonb))::text
      FROM public.fn_iu_unread($1, $2, $3, $4) WITH ORDINALITY AS x(u, ord)
      """;
  static final String MARK_READ_SQL = "SELECT public.fn_iu_mark_read($1, $2)::text";

  private final Pool pool;

  public IuQueries(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  public Uni<String> board(String actor, String stream, int limit) {
    return one(BOARD_SQL, Tuple.from(Arrays.asList(actor, stream, limit)));
  }

  public Uni<String> unread(String actor, String stream, boolean includeSelf, int limit) {
    return one(UNREAD_SQL, Tuple.from(Arrays.asList(actor, stream, includeSelf, limit)));
  }

  public Uni<String> markRead(UUID[] eventIds, String actor) {
    return one(MARK_READ_SQL, Tuple.tuple().addArrayOfUUID(eventIds).addString(actor));
  }

  private Uni<String> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getString(0));
  }
}
