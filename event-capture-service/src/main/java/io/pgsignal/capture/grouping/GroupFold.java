package io.pgsignal.capture.grouping;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.outbox.PassResult;
import io.pgsignal.capture.outbox.Refusal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Folds one closed group into one event. The worker first takes a transaction-scoped advisory lock
 * on the group key, so with several replicas one group is folded by exactly one of them and never
 * split; the closure is checked again on the locked rows, because another replica may have folded
 * the group a moment ago (its facts are then done and a newer fact starts a new group). Refused
 * members are dead-lettered; the others are deleted in the transaction that writes the group's
 * event, with the commit mode of {@link CaptureConfig#synchronousCommit()}.
 */
@ApplicationScoped
public class GroupFold {

  static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))";

  /** $1 domain, $2 type, $3 grouping key, $4 now, $5 member refs cap, $6 commit mode. */
  static final String FOLD =
      """
      WITH members AS (
          SELECT o.fact_id, o.event_domain, o.event_type, o.event_severity, o.event_subject_type,
                 o.event_subject_ref, o.event_subject_table, o.canonical_address, o.actor_ref,
                 o.source_system, o.source_function, o.correlation_id, o.causation_id,
                 o.source_document_ref, o.import_batch_ref, o.payload_classification, o.safe_payload,
                 o.occurred_at, o.recorded_at
          FROM signal.outbox o
          WHERE o.state = 'pending' AND o.event_domain = $1 AND o.event_type = $2
            AND o.grouping_key = $3 AND o.next_attempt_at <= greatest(now(), $4)
          FOR UPDATE OF o
      ), kind AS (
          SELECT t.event_type, t.event_stream, t.default_severity, t.debounce_window, t.max_wait
          FROM signal.event_type t WHERE t.event_domain = $1 AND t.event_type = $2
      ), checked AS MATERIALIZED (
          SELECT c.*, %s AS refusal
          FROM members c LEFT JOIN kind t ON true
      ), summary AS MATERIALIZED (
          SELECT gen_random_uuid() AS new_event_id, count(*) AS member_count,
                 min(g.occurred_at) AS first_at, max(g.occurred_at) AS last_at,
                 min(g.recorded_at) AS first_recorded, max(g.recorded_at) AS last_recorded,
                 (array_agg(g.fact_id ORDER BY g.occurred_at, g.fact_id))[1] AS lead_fact,
                 coalesce(to_jsonb((array_agg(g.event_subject_ref ORDER BY g.occurred_at, g.fact_id)
                     FILTER (WHERE g.event_subject_ref IS NOT NULL))[1:$5]), '[]'::jsonb) AS member_refs
          FROM checked g WHERE g.refusal IS NULL
          HAVING count(*) > 0
      ), ready AS (
          SELECT s.* FROM summary s CROSS JOIN kind t
          WHERE s.last_recorded <= $4 - t.debounce_window OR s.first_recorded <= $4 - t.max_wait
      ), written AS (
          INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
                                    event_subject_type, event_subject_ref, event_subject_table,
                                    canonical_address, actor_ref, source_system, source_function,
                                    correlation_id, causation_id, source_document_ref, import_batch_ref,
                                    payload_classification, safe_payload, occurred_at)
          SELECT r.new_event_id, l.event_domain, l.event_type, t.event_stream,
                 coalesce(l.event_severity, t.default_severity), l.event_subject_type,
                 l.event_subject_ref, l.event_subject_table, l.canonical_address, l.actor_ref,
                 'worker', l.source_function, l.correlation_id, l.causation_id,
                 l.source_document_ref, l.import_batch_ref, l.payload_classification,
                 l.safe_payload || jsonb_build_object(
                     'grouping_key', $3, 'member_count', r.member_count,
                     'first_occurred_at', r.first_at, 'last_occurred_at', r.last_at,
                     'member_refs', r.member_refs),
                 r.first_at
          FROM ready r JOIN checked l ON l.fact_id = r.lead_fact CROSS JOIN kind t
          RETURNING event_id
      ), self_read AS (
          INSERT INTO signal.event_read (event_id, actor_ref, read_kind)
          SELECT DISTINCT r.new_event_id, g.actor_ref, 'implicit_self'
          FROM ready r CROSS JOIN checked g
          WHERE g.refusal IS NULL AND g.actor_ref <> ''
      ), dead AS (
          UPDATE signal.outbox o
          SET state = 'dead', last_error = k.refusal, processed_at = now()
          FROM checked k
          WHERE o.fact_id = k.fact_id AND k.refusal IS NOT NULL
          RETURNING o.fact_id
      ), done AS (
          DELETE FROM signal.outbox o
          USING checked k
          WHERE o.fact_id = k.fact_id AND k.refusal IS NULL AND EXISTS (SELECT 1 FROM ready)
          RETURNING o.fact_id
      )
      SELECT (SELECT count(*) FROM done)::int AS folded,
             (SELECT count(*) FROM dead)::int AS dead,
             (SELECT count(*) FROM (SELECT pg_notify('signal_event', '')
                                    WHERE EXISTS (SELECT 1 FROM written)) n)::int AS written,
             set_config('synchronous_commit', $6, true) AS commit_mode"""
          .formatted(Refusal.SQL);

  private final Pool pool;
  private final CaptureConfig config;

  public GroupFold(Pool pool, CaptureConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Folds the group if this worker wins its lock and it is still closed; else does nothing. */
  public Uni<PassResult> fold(GroupKey key, OffsetDateTime now, int memberRefsCap) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(key.lockText()))
                .flatMap(
                    rows ->
                        rows.iterator().next().getBoolean(0)
                            ? foldLocked(tx, key, now, memberRefsCap)
                            : Uni.createFrom().item(PassResult.EMPTY)));
  }

  private Uni<PassResult> foldLocked(
      SqlClient tx, GroupKey key, OffsetDateTime now, int memberRefsCap) {
    return tx.preparedQuery(FOLD)
        .execute(
            Tuple.of(
                key.domain(),
                key.type(),
                key.groupingKey(),
                now,
                memberRefsCap,
                config.synchronousCommit().sql()))
        .map(rows -> toResult(rows.iterator().next()));
  }

  private static PassResult toResult(Row row) {
    int folded = row.getInteger("folded");
    int dead = row.getInteger("dead");
    int written = row.getInteger("written");
    return new PassResult(folded + dead, written, dead, 0, folded);
  }
}
