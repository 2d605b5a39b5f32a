package io.pgsignal.router.webhook;

import io.pgsignal.router.config.InstanceId;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Returns leases to the pool: expired ones (a sender crashed or hung) on a timer, and this
 * replica's own ones at shutdown. The attempt that was in flight is not counted: it may be sent
 * again, which the stable {@code webhook-id} lets receivers detect.
 */
@ApplicationScoped
public class LeaseReaper {

  static final String REAP_EXPIRED =
      """
      UPDATE signal.delivery
      SET locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE locked_until < now() AND channel <> 'inbox' AND state IN ('pending', 'failed')
      """;

  static final String RELEASE_MINE =
      """
      UPDATE signal.delivery
      SET locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE locked_by = $1 AND state IN ('pending', 'failed')
      """;

  private final Pool pool;
  private final InstanceId instanceId;

  public LeaseReaper(Pool pool, InstanceId instanceId) {
    this.pool = pool;
    this.instanceId = instanceId;
  }

  public Uni<Integer> reapExpired() {
    return pool.query(REAP_EXPIRED)
        .execute()
        .map(rows -> rows.rowCount())
        .invoke(
            n -> {
              if (n > 0) {
                Log.infof("Returned %d expired webhook leases", n);
              }
            });
  }

  public Uni<Integer> releaseMine() {
    return pool.preparedQuery(RELEASE_MINE)
        .execute(Tuple.of(instanceId.value()))
        .map(rows -> rows.rowCount());
  }
}
