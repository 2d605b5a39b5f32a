-- Why: V202's LIMIT applied to candidates that still included events already escalated, ordered by the
-- random event_id, so once p_limit such events existed no other event was ever escalated. It also
-- expanded the target role one level only and made a role without members a recipient itself. Now an
-- event is a candidate only while a target recipient still lacks its delivery, the oldest overdue
-- delivery goes first, and the target expands like route_batch (nested roles up to 5 levels, roles
-- themselves are never recipients).

CREATE OR REPLACE FUNCTION signal.escalate_overdue(p_now timestamptz, p_lookback interval, p_limit integer)
    RETURNS TABLE (delivery_id bigint, event_id uuid, recipient_ref text)
    LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    WITH RECURSIVE overdue AS (
        SELECT DISTINCT ON (e.event_id) e.event_id, d.delivery_id AS from_delivery, d.created_at AS overdue_since,
               t.escalation_target
        FROM signal.event e
        JOIN signal.event_type t ON t.event_domain = e.event_domain AND t.event_type = e.event_type
        JOIN signal.delivery d ON d.event_id = e.event_id
        WHERE e.event_severity = 'critical'
          AND t.escalation_target IS NOT NULL
          AND e.created_at >= p_now - t.escalation_delay - p_lookback
          AND d.created_at + t.escalation_delay <= p_now
          AND d.state IN ('pending', 'delivered', 'read', 'failed')
          AND d.escalated_from IS NULL
          AND NOT EXISTS (SELECT 1 FROM signal.delivery x
                          WHERE x.event_id = e.event_id AND x.state = 'acknowledged')
        ORDER BY e.event_id, d.created_at, d.delivery_id
    ), members (target, recipient_ref, depth) AS (
        -- the target role expands to its members, nested up to 5 levels (as in route_batch)
        SELECT DISTINCT o.escalation_target, o.escalation_target, 0 FROM overdue o
        UNION
        SELECT mb.target, rm.member_ref, mb.depth + 1
        FROM members mb
        JOIN signal.role_member rm ON rm.role_ref = mb.recipient_ref
        WHERE mb.depth < 5
    ), missing AS (
        -- target recipients still without a delivery of the event: escalated events drop out
        SELECT DISTINCT o.event_id, o.from_delivery, o.overdue_since, mb.recipient_ref
        FROM overdue o
        JOIN members mb ON mb.target = o.escalation_target
        JOIN signal.actor a ON a.actor_ref = mb.recipient_ref AND a.kind <> 'role'
        WHERE NOT EXISTS (SELECT 1 FROM signal.delivery x
                          WHERE x.event_id = o.event_id AND x.recipient_ref = mb.recipient_ref
                            AND x.channel = 'inbox')
    ), picked AS (
        SELECT m.event_id
        FROM missing m
        GROUP BY m.event_id
        ORDER BY min(m.overdue_since), m.event_id
        LIMIT p_limit
    ), inserted AS (
        INSERT INTO signal.delivery AS nd (event_id, recipient_ref, channel, state, escalated_from, delivered_at)
        SELECT m.event_id, m.recipient_ref, 'inbox', 'delivered', m.from_delivery, p_now
        FROM missing m
        JOIN picked p ON p.event_id = m.event_id
        ON CONFLICT ON CONSTRAINT uq_delivery_event_recipient_channel DO NOTHING
        RETURNING nd.delivery_id, nd.event_id, nd.recipient_ref
    )
    SELECT i.delivery_id, i.event_id, i.recipient_ref FROM inserted i;
END
$$;
COMMENT ON FUNCTION signal.escalate_overdue(timestamptz, interval, integer) IS
    'Escalation: for critical events whose type names a target, when a delivery is still unacknowledged (no delivery of the event acknowledged) escalation_delay after it was written, gives every target recipient (a role expands to its members, nested up to 5 levels) without a delivery of the event an inbox delivery (escalated_from = that delivery). Up to p_limit events per call, oldest overdue first; escalated events drop out, so none starves. Looks back p_lookback beyond the delay only. Idempotent.';
