package io.pgsignal.capture.outbox;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.grouping.GroupKey;
import io.pgsignal.schema.failure.FailureRun;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Errors are data: a fact whose processing failed gets attempts + 1, its error in last_error, and
 * its next attempt after an exponential back-off; after the configured maximum it is dead. Only an
 * error of the fact itself counts as an attempt: {@link #isTransient} errors fail the pass instead.
 */
@ApplicationScoped
public class FailureRecorder {

  /** $1 fact id, $2 error, $3 max attempts, $4 now, $5 base ms, $6 max ms. */
  static final String RECORD_FAILURE =
      """
      UPDATE signal.outbox o
      SET attempts = o.attempts + 1,
          last_error = $2,
          state = CASE WHEN o.attempts + 1 >= $3 THEN 'dead' ELSE 'pending' END,
          processed_at = CASE WHEN o.attempts + 1 >= $3 THEN now() END,
          next_attempt_at = $4::timestamptz
              + least($5::float8 * power(2, least(o.attempts, 30)), $6::float8) * interval '1 millisecond'
      WHERE o.fact_id = $1 AND o.state = 'pending'
      RETURNING o.state""";

  /** The same for every pending member of a group whose fold failed; $7 domain, $8 type, $9 key. */
  static final String RECORD_GROUP_FAILURE =
      """
      UPDATE signal.outbox o
      SET attempts = o.attempts + 1,
          last_error = $2,
          state = CASE WHEN o.attempts + 1 >= $3 THEN 'dead' ELSE 'pending' END,
          processed_at = CASE WHEN o.attempts + 1 >= $3 THEN now() END,
          next_attempt_at = $4::timestamptz
              + least($5::float8 * power(2, least(o.attempts, 30)), $6::float8) * interval '1 millisecond'
      WHERE o.state = 'pending' AND o.event_domain = $7 AND o.event_type = $8
        AND o.grouping_key = $9 AND $1::bigint IS NULL
      RETURNING o.state""";

  /**
   * SQLSTATE classes that say nothing about the fact: 08 connection, 40 serialization failure or
   * deadlock, 53 insufficient resources, 57 operator intervention (admin shutdown, query canceled).
   */
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");

  private static final int MAX_ERROR_LENGTH = 1000;

  private final Pool pool;
  private final CaptureConfig config;

  public FailureRecorder(Pool pool, CaptureConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Records a failed attempt; the result counts the fact as failed (retry) or dead. */
  public Uni<PassResult> record(long factId, Throwable error, OffsetDateTime now) {
    return execute(RECORD_FAILURE, args(factId, error, now));
  }

  /** Records a failed fold on every pending member of the group. */
  public Uni<PassResult> recordGroup(GroupKey key, Throwable error, OffsetDateTime now) {
    return execute(
        RECORD_GROUP_FAILURE,
        args(null, error, now)
            .addString(key.domain())
            .addString(key.type())
            .addString(key.groupingKey()));
  }

  private Tuple args(Long factId, Throwable error, OffsetDateTime now) {
    return Tuple.tuple()
        .addLong(factId)
        .addString(describe(error))
        .addInteger(config.maxAttempts())
        .addOffsetDateTime(now)
        .addDouble((double) config.backoffBase().toMillis())
        .addDouble((double) config.backoffMax().toMillis());
  }

  private Uni<PassResult> execute(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              int dead = 0;
              int failed = 0;
              for (var row : rows) {
                if ("dead".equals(row.getString("state"))) {
                  dead++;
                } else {
                  failed++;
                }
              }
              return new PassResult(0, 0, dead, failed, 0); // none: taken by another worker
            });
  }

  /**
   * True when the error says nothing about the fact, so retrying later may succeed and no attempt
   * is counted: a transient SQLSTATE class, or no SQLSTATE at all (the statement never got an
   * answer from PostgreSQL: pool-acquire timeout, closed connection, network). Errors PostgreSQL
   * raised for the fact's data or statement (classes 22, 23, 42, P0, ...) are deterministic and
   * count.
   */
  public static boolean isTransient(Throwable error) {
    if (error instanceof PgException pg) {
      String state = pg.getSqlState();
      return state != null
          && state.length() == 5
          && TRANSIENT_CLASSES.contains(state.substring(0, 2));
    }
    return true;
  }

  public static String describe(Throwable error) {
    String text = FailureRun.describe(error);
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
