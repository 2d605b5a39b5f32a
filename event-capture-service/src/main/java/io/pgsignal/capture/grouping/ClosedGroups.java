package io.pgsignal.capture.grouping;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Finds groups of a debounced type that have closed (SPEC §4): no fact arrived for the debounce
 * window, or the maximum wait since the group's first fact has passed. Arrival is {@code
 * recorded_at}, not {@code occurred_at}, which a caller may backdate. {@code recorded_at} is the
 * start of the writing transaction ({@code now()}), not its commit time: a fact of a long
 * transaction becomes visible later than its {@code recorded_at} says, so its group may have been
 * folded meanwhile; the fact then starts a new group.
 */
@ApplicationScoped
public class ClosedGroups {

  /**
   * $1 now, $2 limit. Per debounced type, through ix_outbox_grouped (leading columns domain, type):
   * as a flat join the planner read the index of all due facts instead, whose entries of deleted
   * facts (until vacuum) made this query, run on every pass, cost milliseconds.
   */
  static final String FIND_CLOSED =
      """
      SELECT t.event_domain, t.event_type, g.grouping_key
      FROM signal.event_type t
      CROSS JOIN LATERAL (
          SELECT o.grouping_key, min(o.recorded_at) AS first_recorded,
                 max(o.recorded_at) AS last_recorded
          FROM signal.outbox o
          WHERE o.event_domain = t.event_domain AND o.event_type = t.event_type
            AND o.state = 'pending' AND o.grouping_key IS NOT NULL
            AND o.next_attempt_at <= greatest(now(), $1)
          GROUP BY o.grouping_key) g
      WHERE t.debounce_window > interval '0'
        AND (g.last_recorded <= $1 - t.debounce_window OR g.first_recorded <= $1 - t.max_wait)
      ORDER BY g.first_recorded
      LIMIT $2""";

  private final Pool pool;

  public ClosedGroups(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<GroupKey>> find(OffsetDateTime now, int limit) {
    return pool.preparedQuery(FIND_CLOSED)
        .execute(Tuple.of(now, limit))
        .map(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new GroupKey(
                                r.getString("event_domain"),
                                r.getString("event_type"),
                                r.getString("grouping_key")))
                    .toList());
  }
}
