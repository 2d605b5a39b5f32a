package io.pgsignal.capture.deadletter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads signal.dead_letter and re-drives through signal.redrive_dead_letter (V102). */
@ApplicationScoped
public class DeadLetters {

  /** $1 before (fact id, exclusive; NULL = newest), $2 limit. */
  static final String LIST =
      """
      SELECT d.fact_id, d.event_domain, d.event_type, d.event_subject_type, d.event_subject_ref,
             d.event_subject_table, d.actor_ref, d.source_system, d.grouping_key, d.attempts,
             d.last_error, d.occurred_at, d.recorded_at, d.dead_at
      FROM signal.dead_letter d
      WHERE $1::bigint IS NULL OR d.fact_id < $1
      ORDER BY d.fact_id DESC
      LIMIT $2""";

  static final String REDRIVE = "SELECT signal.redrive_dead_letter($1) AS redriven";

  private final Pool pool;

  public DeadLetters(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<DeadLetter>> list(Long before, int limit) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(before, limit))
        .map(rows -> rows.stream().map(DeadLetters::toDeadLetter).toList());
  }

  /** True when a dead fact with this id existed and is pending again. */
  public Uni<Boolean> redrive(long factId) {
    return pool.preparedQuery(REDRIVE)
        .execute(Tuple.of(factId))
        .map(rows -> rows.iterator().next().getBoolean("redriven"));
  }

  private static DeadLetter toDeadLetter(Row r) {
    return new DeadLetter(
        r.getLong("fact_id"),
        r.getString("event_domain"),
        r.getString("event_type"),
        r.getString("event_subject_type"),
        r.getUUID("event_subject_ref"),
        r.getString("event_subject_table"),
        r.getString("actor_ref"),
        r.getString("source_system"),
        r.getString("grouping_key"),
        r.getInteger("attempts"),
        r.getString("last_error"),
        r.getOffsetDateTime("occurred_at"),
        r.getOffsetDateTime("recorded_at"),
        r.getOffsetDateTime("dead_at"));
  }
}
