-- Why: resolution depended on routing order. V201 only closed deliveries that already existed for older
-- events when the resolving event was routed, in the router's own transaction, comparing created_at; so a
-- draft_created routed after its version_applied (reverse order across batches, two replicas at once, or a
-- draft fact retried by capture, whose created_at is later) stayed open forever. Now resolution is
-- symmetric (the new deliveries of a resolvable event whose resolving event already exists are closed too),
-- compares occurred_at, and routers serialise per subject with a transaction advisory lock so two replicas
-- routing the two events at once cannot miss each other's uncommitted deliveries.

CREATE FUNCTION signal.route_subject_lock_class() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 20301
$$;
COMMENT ON FUNCTION signal.route_subject_lock_class() IS
    'First key of the pg_advisory_xact_lock(class, hashtext(domain || ''/'' || subject)) that route_batch takes per subject of resolvable/resolving events; reserved for it.';

CREATE OR REPLACE FUNCTION signal.route_batch(p_limit integer)
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
    v_subject   integer;
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

    -- serialise per subject: a router resolving a subject waits for one still routing events of that
    -- subject, so its next statements see the other's committed deliveries (READ COMMITTED takes a new
    -- snapshot per statement). Keys are taken in ascending order, so two routers cannot deadlock.
    FOR v_subject IN
        SELECT DISTINCT hashtext(e.event_domain || '/' || e.event_subject_ref::text) AS k
        FROM signal.event e
        WHERE e.event_id = ANY (v_event_ids)
          AND e.event_subject_ref IS NOT NULL
          AND EXISTS (SELECT 1 FROM signal.event_type t
                      WHERE t.event_domain = e.event_domain
                        AND (t.event_type = e.event_type AND cardinality(t.resolved_by) > 0
                             OR e.event_type = ANY (t.resolved_by)))
        ORDER BY k
    LOOP
        PERFORM pg_advisory_xact_lock(signal.route_subject_lock_class(), v_subject);
    END LOOP;

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

    -- resolution, both ways, by occurred_at (a retried fact keeps its occurred_at, not its created_at):
    -- a resolving event closes the open deliveries of earlier events of the resolved types (same domain,
    -- same subject), e.g. iu version_applied resolves the draft_created review of that unit; and a resolvable
    -- event routed after its resolving event (other batch, other replica, retried fact) is closed at once
    WITH closed AS (
        -- the routed event resolves earlier events of its subject
        SELECT older.event_id
        FROM signal.event newer
        JOIN signal.event_type t
          ON t.event_domain = newer.event_domain AND newer.event_type = ANY (t.resolved_by)
        JOIN signal.event older
          ON older.event_subject_ref = newer.event_subject_ref
         AND older.event_domain = t.event_domain
         AND older.event_type = t.event_type
         AND older.occurred_at <= newer.occurred_at
        WHERE newer.event_id = ANY (v_event_ids)
          AND newer.event_subject_ref IS NOT NULL
        UNION
        -- the routed event was already resolved by a later event of its subject
        SELECT older.event_id
        FROM signal.event older
        JOIN signal.event_type t
          ON t.event_domain = older.event_domain AND t.event_type = older.event_type
        WHERE older.event_id = ANY (v_event_ids)
          AND older.event_subject_ref IS NOT NULL
          AND cardinality(t.resolved_by) > 0
          AND EXISTS (SELECT 1 FROM signal.event newer
                      WHERE newer.event_subject_ref = older.event_subject_ref
                        AND newer.event_domain = older.event_domain
                        AND newer.event_type = ANY (t.resolved_by)
                        AND newer.occurred_at >= older.occurred_at)
    ), resolved AS (
        UPDATE signal.delivery d
        SET state = 'resolved', resolved_at = now(), updated_at = now(), locked_by = NULL, locked_until = NULL,
            next_attempt_at = NULL
        FROM closed c
        WHERE d.event_id = c.event_id
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
    'Routes up to p_limit queued events in one transaction: one delivery per (event, recipient, channel) - implicit_self for the causing actor, suppressed for a muted subscription, delivered for the inbox, pending for webhook/email - resolves (by occurred_at, in either routing order, serialised per subject with an advisory lock) the open deliveries closed by a resolving event of the same subject, dequeues them, and NOTIFYs signal_delivery with the new inbox delivery ids (empty when too many). Safe with several routers.';

GRANT EXECUTE ON FUNCTION signal.route_subject_lock_class() TO signal_router;
