package io.pgsignal.router.ops;

import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** SQL of the operations endpoints: list dead deliveries, re-drive one. */
@ApplicationScoped
public class DeliveryOps {

  static final String LIST_DEAD =
      """
      SELECT delivery_id, event_id, recipient_ref, channel, attempts, last_error, dead_at
      FROM signal.delivery
      WHERE state = 'dead' AND delivery_id > $1
      ORDER BY delivery_id
      LIMIT $2
      """;

  static final String REDRIVE =
      """
      UPDATE signal.delivery
      SET state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now(),
          locked_by = NULL, locked_until = NULL
      WHERE delivery_id = $1 AND channel <> 'inbox' AND state IN ('dead', 'failed')
        AND (locked_until IS NULL OR locked_until <= now())
      RETURNING delivery_id, state
      """;

  static final String STATE =
      """
      SELECT state, coalesce(locked_until > now(), false) AS leased
      FROM signal.delivery WHERE delivery_id = $1
      """;

  private final Pool pool;

  public DeliveryOps(Pool pool) {
    this.pool = pool;
  }

  public Uni<DeadDeliveryPage> listDead(long after, int limit) {
    return pool.preparedQuery(LIST_DEAD)
        .execute(Tuple.of(after, limit))
        .map(
            rows -> {
              List<DeadDelivery> items = new ArrayList<>(rows.size());
              for (Row row : rows) {
                items.add(
                    new DeadDelivery(
                        row.getLong("delivery_id"),
                        row.getUUID("event_id").toString(),
                        row.getString("recipient_ref"),
                        row.getString("channel"),
                        row.getInteger("attempts"),
                        row.getString("last_error"),
                        row.getOffsetDateTime("dead_at")));
              }
              Long next = items.size() == limit ? items.get(items.size() - 1).deliveryId() : null;
              return new DeadDeliveryPage(items, next);
            });
  }

  /**
   * Re-drives a dead or failed delivery; fails with 404/409 {@link ApiException} otherwise. A
   * delivery under a live lease (an attempt in flight) is left alone (409): its sender records the
   * outcome under that lease.
   */
  public Uni<RedriveResult> redrive(long deliveryId) {
    return pool.preparedQuery(REDRIVE)
        .execute(Tuple.of(deliveryId))
        .chain(
            rows -> {
              if (rows.rowCount() == 1) {
                Row row = rows.iterator().next();
                return Uni.createFrom()
                    .item(new RedriveResult(row.getLong("delivery_id"), row.getString("state")));
              }
              return pool.preparedQuery(STATE)
                  .execute(Tuple.of(deliveryId))
                  .map(
                      found -> {
                        if (found.rowCount() == 0) {
                          throw new ApiException(
                              404, "unknown_delivery", "no delivery " + deliveryId);
                        }
                        Row row = found.iterator().next();
                        if (row.getBoolean("leased")) {
                          throw new ApiException(
                              409,
                              "not_redrivable",
                              "delivery %d has an attempt in flight; retry after it is recorded"
                                  .formatted(deliveryId));
                        }
                        throw new ApiException(
                            409,
                            "not_redrivable",
                            "delivery %d is %s: only dead or failed webhook/email deliveries can be re-driven"
                                .formatted(deliveryId, row.getString("state")));
                      });
            });
  }
}
