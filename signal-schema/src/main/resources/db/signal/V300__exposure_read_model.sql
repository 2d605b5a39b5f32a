-- Why: layer 5 (exposure-api-service) is a shaper, not a calculator (SPEC §6): the board, the inbox, the
-- unread summary and the change markers behind ETag are computed here, in views and functions, and the
-- service role reads them and nothing else. Board views are metadata only (seed 001 §D, §E): no
-- safe_payload, never a body. Unread for an inbox delivery = the delivery is open (pending, delivered,
-- failed) and the recipient has no explicit read row for the event.

-- The board's "nothing changed" marker needs the latest read without scanning every read row.
CREATE INDEX ix_event_read_read_at ON signal.event_read (read_at DESC);

CREATE VIEW public.v_signal_board AS
SELECT e.event_id,
       e.event_domain,
       e.event_type,
       e.event_stream,
       e.event_severity,
       e.event_subject_type,
       e.event_subject_ref,
       e.event_subject_table,
       e.canonical_address,
       e.actor_ref,
       e.source_system,
       e.correlation_id,
       e.payload_classification,
       e.created_at,
       e.occurred_at,
       coalesce(r.read_count, 0)::integer AS read_count,
       coalesce(r.latest_readers, ARRAY[]::text[]) AS latest_readers
FROM signal.event e
LEFT JOIN LATERAL (
    SELECT count(*) AS read_count,
           (array_agg(x.actor_ref ORDER BY x.read_at DESC, x.actor_ref))[1:5] AS latest_readers
    FROM signal.event_read x
    WHERE x.event_id = e.event_id
) r ON true;
COMMENT ON VIEW public.v_signal_board IS
    'Universal metadata board (seed 001 Q4): every event with its read count (explicit and implicit_self readers) and its latest 5 readers. No payload, no body.';

CREATE VIEW signal.v_inbox AS
SELECT d.delivery_id,
       d.recipient_ref,
       d.state,
       d.via_role,
       d.created_at AS delivered_at,
       d.read_at,
       d.acknowledged_at,
       d.resolved_at,
       d.updated_at,
       (d.state IN ('pending', 'delivered', 'failed')
           AND NOT EXISTS (SELECT 1 FROM signal.event_read r
                           WHERE r.event_id = d.event_id AND r.actor_ref = d.recipient_ref AND r.read_kind = 'read')) AS unread,
       e.event_id,
       e.event_domain,
       e.event_type,
       e.event_stream,
       e.event_severity,
       e.event_subject_type,
       e.event_subject_ref,
       e.canonical_address,
       e.actor_ref,
       e.correlation_id,
       e.payload_classification,
       CASE WHEN e.payload_classification = 'safe_metadata' THEN e.safe_payload ELSE '{}'::jsonb END AS safe_payload,
       e.created_at,
       e.occurred_at
FROM signal.delivery d
JOIN signal.event e ON e.event_id = d.event_id
WHERE d.channel = 'inbox'
  AND d.state <> 'suppressed';
COMMENT ON VIEW signal.v_inbox IS
    'Inbox deliveries with their event envelope, newest delivery_id first by index; unread is computed here. Suppressed deliveries (muted) are audit only and never shown. Restricted payloads are blanked.';

CREATE VIEW signal.v_inbox_summary AS
SELECT i.recipient_ref,
       i.event_domain,
       i.event_stream,
       count(*)::integer AS unread,
       count(*) FILTER (WHERE i.event_severity = 'critical')::integer AS unread_critical,
       max(i.delivery_id) AS latest_delivery_id
FROM signal.v_inbox i
WHERE i.unread
GROUP BY i.recipient_ref, i.event_domain, i.event_stream;
COMMENT ON VIEW signal.v_inbox_summary IS
    'Unread inbox counts per recipient, domain and stream (implicit_self never counts: it is not an open state). Query with WHERE recipient_ref = ...';

CREATE FUNCTION signal.inbox_version(p_actor text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT concat_ws('.', count(*), max(d.delivery_id), extract(epoch FROM max(d.updated_at)),
                     (SELECT extract(epoch FROM max(r.read_at)) FROM signal.event_read r WHERE r.actor_ref = p_actor))
    FROM signal.delivery d
    WHERE d.recipient_ref = p_actor AND d.channel = 'inbox'
$$;
COMMENT ON FUNCTION signal.inbox_version(text) IS
    'Cheap change marker of an actor''s inbox (deliveries and reads); equal markers mean an unchanged inbox and summary, so a poll can answer 304 without running the inbox query.';

CREATE FUNCTION signal.board_version() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT concat_ws('.',
                     (SELECT extract(epoch FROM e.created_at) || ':' || e.event_id FROM signal.event e
                      ORDER BY e.created_at DESC, e.event_id DESC LIMIT 1),
                     (SELECT extract(epoch FROM r.read_at) FROM signal.event_read r ORDER BY r.read_at DESC LIMIT 1))
$$;
COMMENT ON FUNCTION signal.board_version() IS
    'Cheap change marker of the board: newest event and newest read (two index probes).';

REVOKE ALL ON FUNCTION signal.inbox_version(text), signal.board_version() FROM PUBLIC;
GRANT SELECT ON public.v_signal_board, signal.v_inbox, signal.v_inbox_summary TO signal_exposure;
GRANT EXECUTE ON FUNCTION signal.inbox_version(text), signal.board_version() TO signal_exposure;
