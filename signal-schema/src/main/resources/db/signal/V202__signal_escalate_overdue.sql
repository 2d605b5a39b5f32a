-- Why: the escalation seam (SPEC §5): a catalog type may name an escalation target and a delay; a critical
-- delivery of that type still unacknowledged after the delay gives the target (a role fans out to its
-- members) an inbox delivery. Set-based and idempotent (UNIQUE (event, recipient, channel)), so router
-- replicas may run it concurrently; the caller passes "now" so tests control time.

CREATE FUNCTION signal.escalate_overdue(p_now timestamptz, p_lookback interval, p_limit integer)
    RETURNS TABLE (delivery_id bigint, event_id uuid, recipient_ref text)
    LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    WITH overdue AS (
        SELECT DISTINCT ON (e.event_id) e.event_id, d.delivery_id AS from_delivery, t.escalation_target
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
        ORDER BY e.event_id, d.delivery_id
        LIMIT p_limit
    ), targets AS (
        SELECT o.event_id, o.from_delivery, coalesce(rm.member_ref, o.escalation_target) AS recipient_ref
        FROM overdue o
        LEFT JOIN signal.role_member rm ON rm.role_ref = o.escalation_target
    ), inserted AS (
        INSERT INTO signal.delivery AS nd (event_id, recipient_ref, channel, state, escalated_from, delivered_at)
        SELECT tg.event_id, tg.recipient_ref, 'inbox', 'delivered', tg.from_delivery, p_now
        FROM targets tg
        JOIN signal.actor a ON a.actor_ref = tg.recipient_ref
        ON CONFLICT ON CONSTRAINT uq_delivery_event_recipient_channel DO NOTHING
        RETURNING nd.delivery_id, nd.event_id, nd.recipient_ref
    )
    SELECT i.delivery_id, i.event_id, i.recipient_ref FROM inserted i;
END
$$;
COMMENT ON FUNCTION signal.escalate_overdue(timestamptz, interval, integer) IS
    'Escalation: for critical events whose type names a target, when a delivery is still unacknowledged (no delivery of the event acknowledged) escalation_delay after it was written, gives the target an inbox delivery (escalated_from = that delivery). Looks back p_lookback beyond the delay only. Idempotent.';

REVOKE ALL ON FUNCTION signal.escalate_overdue(timestamptz, interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.escalate_overdue(timestamptz, interval, integer) TO signal_router;
