-- Why: routing is set-based and transactional. One call claims a batch of signal.routing_queue rows
-- (FOR UPDATE SKIP LOCKED, so router replicas never take the same event), writes every delivery of those
-- events, resolves the open deliveries they close, and deletes the queue rows, all in one transaction:
-- a crash before commit leaves the events queued, a commit routes them once (UNIQUE (event, recipient,
-- channel) guards the rest). The NOTIFY of new inbox deliveries is sent by PostgreSQL at commit only.

CREATE FUNCTION signal.severity_rank(severity text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT array_position(ARRAY['info', 'warning', 'critical'], severity)
$$;
COMMENT ON FUNCTION signal.severity_rank(text) IS 'info=1, warning=2, critical=3; for minimum-severity filters.';

CREATE FUNCTION signal.route_batch(p_limit integer)
    RETURNS TABLE (events_routed integer, deliveries_written integer, deliveries_resolved integer,
                   webhook_deliveries integer, oldest_created_at timestamptz)
    LANGUAGE plpgsql
AS $$
DECLARE
    v_event_ids uuid[];
    v_inbox_ids bigint[];
    v_written   integer;
    v_webhooks  integer;
    v_resolved  integer;
    v_payload   text;
BEGIN
    WITH claimed AS (
        DELETE FROM signal.routing_queue q
        WHERE q.event_id IN (SELECT rq.event_id FROM signal.routing_queue rq LIMIT p_limit FOR UPDATE SKIP LOCKED)
        RETURNING q.event_id
    )
    SELECT array_agg(c.event_id) INTO v_event_ids FROM claimed c;

    IF v_event_ids IS NULL THEN
        RETURN QUERY SELECT 0, 0, 0, 0, NULL::timestamptz;
        RETURN;
    END IF;

    WITH RECURSIVE ev AS (
        SELECT e.event_id, e.event_domain, e.event_type, e.event_stream, e.event_subject_ref, e.actor_ref,
               signal.severity_rank(e.event_severity) AS severity
        FROM signal.event e
        WHERE e.event_id = ANY (v_event_ids)
    ), matched AS (
        SELECT ev.event_id, ev.actor_ref, s.subscriber_ref, s.subscription_id, s.channel, s.muted
        FROM ev
        JOIN signal.subscription s
          ON s.event_domain = ev.event_domain
         AND (s.event_type IS NULL OR s.event_type = ev.event_type)
         AND (s.event_stream IS NULL OR s.event_stream = ev.event_stream)
         AND (s.subject_ref IS NULL OR s.subject_ref = ev.event_subject_ref)
         AND (s.min_severity IS NULL OR signal.severity_rank(s.min_severity) <= ev.severity)
    ), members (subscriber_ref, recipient_ref, via_role, depth) AS (
        -- roles/groups expand to their members, nested up to 5 levels
        SELECT DISTINCT m.subscriber_ref, m.subscriber_ref, NULL::text, 0 FROM matched m
        UNION
        SELECT mb.subscriber_ref, rm.member_ref, coalesce(mb.via_role, mb.recipient_ref), mb.depth + 1
        FROM members mb
        JOIN signal.role_member rm ON rm.role_ref = mb.recipient_ref
        WHERE mb.depth < 5
    ), candidates AS (
        SELECT DISTINCT ON (m.event_id, mb.recipient_ref, m.channel)
               m.event_id, mb.recipient_ref, m.channel, m.subscription_id, mb.via_role,
               CASE WHEN mb.recipient_ref = m.actor_ref THEN 'implicit_self'
                    WHEN m.muted THEN 'suppressed'
                    WHEN m.channel = 'inbox' THEN 'delivered'
                    ELSE 'pending' END AS state
        FROM matched m
        JOIN members mb ON mb.subscriber_ref = m.subscriber_ref
        JOIN signal.actor a ON a.actor_ref = mb.recipient_ref
        WHERE a.kind <> 'role'
        -- the recipient's own subscription decides before one reaching it through a role; a mute wins a tie
        ORDER BY m.event_id, mb.recipient_ref, m.channel, mb.via_role IS NOT NULL, m.muted DESC, mb.depth
    ), self AS (
        -- the actor who caused an event has read it: an implicit_self inbox row even without a subscription
        SELECT ev.event_id, ev.actor_ref AS recipient_ref, 'inbox'::text AS channel, NULL::uuid AS subscription_id,
               NULL::text AS via_role, 'implicit_self'::text AS state
        FROM ev
        JOIN signal.actor a ON a.actor_ref = ev.actor_ref AND a.kind <> 'role'
    ), rows AS (
        SELECT c.event_id, c.recipient_ref, c.channel, c.subscription_id, c.via_role, c.state FROM candidates c
        UNION ALL
        SELECT s.event_id, s.recipient_ref, s.channel, s.subscription_id, s.via_role, s.state
        FROM self s
        WHERE NOT EXISTS (SELECT 1 FROM candidates c
                          WHERE c.event_id = s.event_id AND c.recipient_ref = s.recipient_ref AND c.channel = 'inbox')
    ), inserted AS (
        INSERT INTO signal.delivery (event_id, recipient_ref, channel, state, subscription_id, via_role,
                                     next_attempt_at, delivered_at)
        SELECT r.event_id, r.recipient_ref, r.channel, r.state, r.subscription_id, r.via_role,
               CASE WHEN r.state = 'pending' THEN now() END,
               CASE WHEN r.state = 'delivered' THEN now() END
        FROM rows r
        ON CONFLICT ON CONSTRAINT uq_delivery_event_recipient_channel DO NOTHING
        RETURNING delivery_id, channel, state
    )
    SELECT count(*)::integer,
           (count(*) FILTER (WHERE i.channel <> 'inbox' AND i.state = 'pending'))::integer,
           array_agg(i.delivery_id ORDER BY i.delivery_id) FILTER (WHERE i.channel = 'inbox')
    INTO v_written, v_webhooks, v_inbox_ids
    FROM inserted i;

    -- resolution: a resolving event closes the open deliveries of earlier events of the resolved types
    -- (same domain, same subject), e.g. iu version_applied resolves the draft_created review of that unit
    WITH resolved AS (
        UPDATE signal.delivery d
        SET state = 'resolved', resolved_at = now(), updated_at = now(), locked_by = NULL, locked_until = NULL,
            next_attempt_at = NULL
        FROM signal.event newer
        JOIN signal.event_type t
          ON t.event_domain = newer.event_domain AND newer.event_type = ANY (t.resolved_by)
        JOIN signal.event older
          ON older.event_subject_ref = newer.event_subject_ref
         AND older.event_domain = t.event_domain
         AND older.event_type = t.event_type
         AND older.created_at <= newer.created_at
        WHERE newer.event_id = ANY (v_event_ids)
          AND newer.event_subject_ref IS NOT NULL
          AND d.event_id = older.event_id
          AND d.state IN ('pending', 'delivered', 'read', 'failed')
        RETURNING d.delivery_id
    )
    SELECT count(*)::integer INTO v_resolved FROM resolved;

    IF v_inbox_ids IS NOT NULL THEN
        v_payload := array_to_string(v_inbox_ids, ',');
        -- a NOTIFY payload must stay under 8000 bytes: listeners re-read from their cursor on an empty one
        PERFORM pg_notify('signal_delivery', CASE WHEN length(v_payload) <= 7900 THEN v_payload ELSE '' END);
    END IF;

    RETURN QUERY
        SELECT cardinality(v_event_ids), v_written, v_resolved, v_webhooks,
               (SELECT min(e.created_at) FROM signal.event e WHERE e.event_id = ANY (v_event_ids));
END
$$;
COMMENT ON FUNCTION signal.route_batch(integer) IS
    'Routes up to p_limit queued events in one transaction: one delivery per (event, recipient, channel) - implicit_self for the causing actor, suppressed for a muted subscription, delivered for the inbox, pending for webhook/email - resolves the open deliveries the events close, dequeues them, and NOTIFYs signal_delivery with the new inbox delivery ids (empty when too many). Safe with several routers.';

REVOKE ALL ON FUNCTION signal.route_batch(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.route_batch(integer) TO signal_router;
GRANT EXECUTE ON FUNCTION signal.severity_rank(text) TO signal_router, signal_exposure;
