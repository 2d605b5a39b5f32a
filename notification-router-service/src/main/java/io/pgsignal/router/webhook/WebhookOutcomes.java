package io.pgsignal.router.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Records an attempt on the leased row: delivered, failed (next attempt after the back-off) or dead
 * (after the maximum, keeping the last error). Guarded by the lease: when the lease was lost (the
 * reaper returned it, the event was resolved) the update touches no row and says so.
 */
@ApplicationScoped
public class WebhookOutcomes {

  static final String DELIVERED =
      """
      UPDATE signal.delivery
      SET state = 'delivered', delivered_at = now(), updated_at = now(), attempts = attempts + 1,
          last_error = NULL, next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
      WHERE delivery_id = $1 AND locked_by = $2 AND state IN ('pending', 'failed')
      RETURNING state
      """;

  static final String FAILED =
      """
      UPDATE signal.delivery
      SET attempts = attempts + 1, last_error = $3, updated_at = now(), failed_at = now(),
          locked_by = NULL, locked_until = NULL,
          state = CASE WHEN attempts + 1 >= $4 THEN 'dead' ELSE 'failed' END,
          dead_at = CASE WHEN attempts + 1 >= $4 THEN now() ELSE dead_at END,
          next_attempt_at = CASE WHEN attempts + 1 >= $4 THEN NULL
                                 ELSE now() + $5 * interval '1 millisecond' END
      WHERE delivery_id = $1 AND locked_by = $2 AND state IN ('pending', 'failed')
      RETURNING state
      """;

  private final Pool pool;

  public WebhookOutcomes(Pool pool) {
    this.pool = pool;
  }

  /** Returns the new state, or null when the lease was lost. */
  public Uni<String> delivered(WebhookJob job, String owner) {
    return update(DELIVERED, Tuple.of(job.deliveryId(), owner), job);
  }

  /** Returns the new state ({@code failed} or {@code dead}), or null when the lease was lost. */
  public Uni<String> failed(
      WebhookJob job, String owner, String error, int maxAttempts, Duration backoff) {
    return update(
        FAILED, Tuple.of(job.deliveryId(), owner, error, maxAttempts, backoff.toMillis()), job);
  }

  private Uni<String> update(String sql, Tuple params, WebhookJob job) {
    return pool.preparedQuery(sql)
        .execute(params)
        .map(
            rows -> {
              if (rows.rowCount() != 1) {
                Log.infof(
                    "Delivery %d: lease lost before the outcome was recorded", job.deliveryId());
                return null;
              }
              return rows.iterator().next().getString("state");
            });
  }
}
