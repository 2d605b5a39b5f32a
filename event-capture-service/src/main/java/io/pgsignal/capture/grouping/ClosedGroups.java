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

  /** $1 now, $2 limit. */
  static final String FIND_CLOSED =
      """
      SELECT o.event_domain, o.event_type, o.grouping_key
      FROM signal.outbox o
      JOIN signal.event_type t ON t.event_domain = o.event_domain AND t.event_type = o.event_type
      WHERE o.state = 'pending' AND o.grouping_key IS NOT NULL AND t.debounce_window > interval '0'
        AND o.next_attempt_at <= greatest(now(), $1)
      GROUP BY o.event_domain, o.event_type, o.grouping_key, t.debounce_window, t.max_wait
      HAVING max(o.recorded_at) <= $1 - t.debounce_window OR min(o.recorded_at) <= $1 - t.max_wait
      ORDER BY min(o.recorded_at)
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
