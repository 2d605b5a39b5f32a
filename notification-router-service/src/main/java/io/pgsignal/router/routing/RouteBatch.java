package io.pgsignal.router.routing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Claims, routes, resolves and dequeues one batch in one transaction ({@code signal.route_batch}):
 * a crash before commit leaves the events queued, a commit routes each exactly once.
 */
@ApplicationScoped
public class RouteBatch {

  static final String ROUTE =
      """
      SELECT events_routed, deliveries_written, deliveries_resolved, webhook_deliveries,
             oldest_created_at
      FROM signal.route_batch($1)
      """;

  private final Pool pool;

  public RouteBatch(Pool pool) {
    this.pool = pool;
  }

  public Uni<RouteResult> route(int limit) {
    return pool.preparedQuery(ROUTE)
        .execute(Tuple.of(limit))
        .map(rows -> toResult(rows.iterator().next()));
  }

  private static RouteResult toResult(Row row) {
    return new RouteResult(
        row.getInteger("events_routed"),
        row.getInteger("deliveries_written"),
        row.getInteger("deliveries_resolved"),
        row.getInteger("webhook_deliveries"),
        row.getOffsetDateTime("oldest_created_at"));
  }
}
