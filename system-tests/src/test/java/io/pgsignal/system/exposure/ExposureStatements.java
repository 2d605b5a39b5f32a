package io.pgsignal.system.exposure;

/**
 * The statements exposure-api-service sends for the inbox and the summary, copied verbatim (keep in
 * step with InboxQuery.UNREAD_SQL and SummaryQuery.SUMMARY_SQL), with the arguments the API binds
 * for a default request: the benchmark's direct baseline runs exactly what the API runs.
 */
final class ExposureStatements {

  /**
   * The statement the API sends for an inbox page (InboxQuery.UNREAD_SQL, the default listing: the
   * change marker and the page in one statement), verbatim; run directly with the API's default
   * arguments.
   */
  static final String INBOX =
      """
      WITH m AS MATERIALIZED (
          SELECT k.version FROM signal.v_inbox_marker k WHERE k.recipient_ref = $1
      )
      SELECT m.version, i.*
      FROM m
      LEFT JOIN LATERAL (
          SELECT i.delivery_id, i.state, i.unread, i.via_role, i.delivered_at, i.read_at, i.acknowledged_at,
                 i.resolved_at, i.event_id, i.event_domain, i.event_type, i.event_stream, i.event_severity,
                 i.event_subject_type, i.event_subject_ref, i.canonical_address, i.actor_ref, i.correlation_id,
                 i.payload_classification, i.safe_payload::text AS safe_payload, i.created_at, i.occurred_at
          FROM (SELECT * FROM signal.v_inbox w
                WHERE w.recipient_ref = $1 AND w.state IN ('pending', 'delivered', 'failed')
                  AND w.delivery_id < coalesce($11::bigint, 9223372036854775807)
                ORDER BY w.delivery_id DESC
                OFFSET 0) i
          WHERE ($2::boolean OR i.unread OR ($3::boolean AND i.state = 'implicit_self'))
            AND ($3::boolean OR i.state <> 'implicit_self')
            AND ($4::text IS NULL OR i.event_domain = $4)
            AND ($5::text IS NULL OR i.event_stream = $5)
            AND ($6::text IS NULL OR i.event_type = $6)
            AND ($7::text IS NULL OR i.event_severity = $7)
            AND ($8::uuid IS NULL OR i.event_subject_ref = $8)
            AND ($9::timestamptz IS NULL OR i.created_at >= $9)
            AND ($10::timestamptz IS NULL OR i.created_at < $10)
          ORDER BY i.delivery_id DESC
          LIMIT $12
      ) i ON true
      ORDER BY i.delivery_id DESC
      """;

  /** The statement the API sends for the summary (SummaryQuery.SUMMARY_SQL), verbatim. */
  static final String SUMMARY =
      """
      WITH m AS MATERIALIZED (
          SELECT k.version FROM signal.v_inbox_marker k WHERE k.recipient_ref = $1
      )
      SELECT m.version, s.event_domain, s.event_stream, s.unread, s.unread_critical, s.total, s.total_critical
      FROM m
      LEFT JOIN LATERAL (
          SELECT s.event_domain, s.event_stream, s.unread, s.unread_critical,
                 sum(s.unread) OVER ()::integer AS total,
                 sum(s.unread_critical) OVER ()::integer AS total_critical
          FROM signal.v_inbox_summary s
          WHERE s.recipient_ref = $1
      ) s ON true
      ORDER BY s.event_domain, s.event_stream
      """;

  /** The marker alone (InboxQuery.VERSION_SQL): what a poll with If-None-Match reads first. */
  static final String MARKER =
      "SELECT m.version FROM signal.v_inbox_marker m WHERE m.recipient_ref = $1";

  /** The API's arguments for a default inbox request: unread, no filters, limit 50 + 1. */
  static Object[] inboxArgs(String actor) {
    return new Object[] {actor, false, false, null, null, null, null, null, null, null, null, 51};
  }

  static Object[] summaryArgs(String actor) {
    return new Object[] {actor};
  }

  private ExposureStatements() {}
}
