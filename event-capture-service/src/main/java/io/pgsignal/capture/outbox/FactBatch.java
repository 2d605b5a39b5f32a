package io.pgsignal.capture.outbox;

import io.pgsignal.capture.config.CaptureConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Ungrouped facts (types without a debounce window, or facts without a grouping key): one statement
 * claims a batch ({@code FOR UPDATE SKIP LOCKED}), validates it against the catalog, writes one
 * event per acceptable fact with its implicit self-read, deletes every fact that became an event
 * (the event is its record from now on), marks refused ones dead and queues an empty {@code
 * signal_event} notification, delivered at commit. Event and fact change in one statement, hence
 * one transaction: exactly once. The statement runs on its own (autocommit), without BEGIN/COMMIT
 * round trips around it, and sets the {@code synchronous_commit} of its own transaction ({@link
 * CaptureConfig#synchronousCommit()}).
 */
@ApplicationScoped
public class FactBatch {

  /** Facts waiting in a debounce window belong to {@code grouping}. */
  static final String UNGROUPED_DUE =
      """
      o.state = 'pending' AND o.next_attempt_at <= greatest(now(), $1)
        AND NOT (o.grouping_key IS NOT NULL AND EXISTS (
            SELECT 1 FROM signal.event_type g
            WHERE g.event_domain = o.event_domain AND g.event_type = o.event_type
              AND g.debounce_window > interval '0'))""";

  private static final String PROCESS_TEMPLATE =
      """
      WITH claimed AS (
          SELECT o.fact_id, o.event_domain, o.event_type, o.event_severity, o.event_subject_type,
                 o.event_subject_ref, o.event_subject_table, o.canonical_address, o.actor_ref,
                 o.source_system, o.source_function, o.correlation_id, o.causation_id,
                 o.source_document_ref, o.import_batch_ref, o.payload_classification, o.safe_payload,
                 o.occurred_at
          FROM signal.outbox o
          WHERE %s
          ORDER BY o.next_attempt_at, o.fact_id
          LIMIT $2
          FOR UPDATE OF o SKIP LOCKED
      ), checked AS MATERIALIZED (
          SELECT c.*, t.event_stream, coalesce(c.event_severity, t.default_severity) AS severity,
                 %s AS refusal,
                 gen_random_uuid() AS new_event_id
          FROM claimed c
          LEFT JOIN signal.event_type t ON t.event_domain = c.event_domain AND t.event_type = c.event_type
      ), written AS (
          INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
                                    event_subject_type, event_subject_ref, event_subject_table,
                                    canonical_address, actor_ref, source_system, source_function,
                                    correlation_id, causation_id, source_document_ref, import_batch_ref,
                                    payload_classification, safe_payload, occurred_at)
          SELECT k.new_event_id, k.event_domain, k.event_type, k.event_stream, k.severity,
                 k.event_subject_type, k.event_subject_ref, k.event_subject_table,
                 k.canonical_address, k.actor_ref, k.source_system, k.source_function,
                 k.correlation_id, k.causation_id, k.source_document_ref, k.import_batch_ref,
                 k.payload_classification, k.safe_payload, k.occurred_at
          FROM checked k WHERE k.refusal IS NULL
          RETURNING event_id
      ), self_read AS (
          INSERT INTO signal.event_read (event_id, actor_ref, read_kind)
          SELECT k.new_event_id, k.actor_ref, 'implicit_self'
          FROM checked k WHERE k.refusal IS NULL AND k.actor_ref <> ''
      ), dead AS (
          UPDATE signal.outbox o
          SET state = 'dead', last_error = k.refusal, processed_at = now()
          FROM checked k
          WHERE o.fact_id = k.fact_id AND k.refusal IS NOT NULL
          RETURNING o.fact_id
      ), done AS (
          DELETE FROM signal.outbox o
          USING checked k
          WHERE o.fact_id = k.fact_id AND k.refusal IS NULL
          RETURNING o.fact_id
      )
      SELECT ((SELECT count(*) FROM done) + (SELECT count(*) FROM dead))::int AS claimed,
             (SELECT count(*) FROM dead)::int AS dead,
             (SELECT count(*) FROM (SELECT pg_notify('signal_event', '')
                                    WHERE EXISTS (SELECT 1 FROM written)) n)::int AS notified,
             set_config('synchronous_commit', $3, true) AS commit_mode""";

  /** Claims the next due batch of ungrouped facts. $1 now, $2 batch size, $3 commit mode. */
  static final String PROCESS_BATCH = PROCESS_TEMPLATE.formatted(UNGROUPED_DUE, Refusal.SQL);

  /**
   * Processes one fact on its own (poison isolation). $1 now, $2 limit (1), $3 commit mode, $4 id.
   */
  static final String PROCESS_ONE =
      PROCESS_TEMPLATE.formatted(
          "o.fact_id = $4 AND o.state = 'pending' AND o.next_attempt_at <= greatest(now(), $1)",
          Refusal.SQL);

  static final String DUE_IDS =
      """
      SELECT o.fact_id FROM signal.outbox o
      WHERE %s
      ORDER BY o.next_attempt_at, o.fact_id
      LIMIT $2"""
          .formatted(UNGROUPED_DUE);

  private final Pool pool;
  private final CaptureConfig config;

  public FactBatch(Pool pool, CaptureConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Claims, validates, writes and marks up to {@code limit} facts in one transaction. */
  public Uni<PassResult> processBatch(OffsetDateTime now, int limit) {
    return run(pool, PROCESS_BATCH, Tuple.of(now, limit, config.synchronousCommit().sql()));
  }

  /** The same for a single fact, in its own transaction. */
  public Uni<PassResult> processOne(OffsetDateTime now, long factId) {
    return run(pool, PROCESS_ONE, Tuple.of(now, 1, config.synchronousCommit().sql(), factId));
  }

  /** Ids of the next due ungrouped facts, without locking them (for one-by-one isolation). */
  public Uni<List<Long>> dueIds(OffsetDateTime now, int limit) {
    return pool.preparedQuery(DUE_IDS)
        .execute(Tuple.of(now, limit))
        .map(rows -> rows.stream().map(r -> r.getLong(0)).toList());
  }

  private static Uni<PassResult> run(SqlClient tx, String sql, Tuple args) {
    return tx.preparedQuery(sql).execute(args).map(rows -> toResult(rows.iterator().next()));
  }

  private static PassResult toResult(Row row) {
    int claimed = row.getInteger("claimed");
    int dead = row.getInteger("dead");
    return new PassResult(claimed, claimed - dead, dead, 0, 0);
  }
}
