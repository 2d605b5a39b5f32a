package io.pgsignal.router.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Returns leases to the pool: expired ones (a sender crashed or hung) on a timer, and at shutdown
 * this replica's leases whose attempt never started. An attempt cut off by an expired lease is not
 * counted: it may be sent again, which the stable {@code webhook-id} lets receivers detect.
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
      WHERE locked_by = $1 AND state IN ('pending', 'failed') AND delivery_id <> ALL ($2)
      """;

  private final Pool pool;

  public LeaseReaper(Pool pool) {
    this.pool = pool;
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

  /** Releases the leases of {@code owner} except those of {@code keep} (attempts still running). */
  public Uni<Integer> releaseMine(String owner, Long[] keep) {
    return pool.preparedQuery(RELEASE_MINE)
        .execute(Tuple.of(owner, keep))
        .map(rows -> rows.rowCount());
  }
}
