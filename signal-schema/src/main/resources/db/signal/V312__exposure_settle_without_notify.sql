-- Why: signal.settle_inbox (V301, behind signal.mark_read and signal.acknowledge) sent an empty NOTIFY on
-- signal_delivery whenever it changed a delivery, "so the actor's other open streams refresh". They never
-- did: the live stream sends new deliveries only (ids above its horizon it has not sent), never a state
-- change, so every read or acknowledgement woke every open stream on every replica to find nothing, and
-- made the read/ack transaction take the database-wide NOTIFY lock at commit. The body below is V301's
-- without that NOTIFY; counts, idempotence and the actor scoping are unchanged. Streams wake for new
-- deliveries only (signal.route_batch, signal.escalate_overdue), and each heartbeat re-reads.

CREATE OR REPLACE FUNCTION signal.settle_inbox(p_actor text, p_event_ids uuid[], p_acknowledge boolean,
                                               OUT requested integer, OUT own integer, OUT changed integer)
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF p_actor IS NULL OR p_event_ids IS NULL THEN
        RAISE EXCEPTION 'actor and event ids are required' USING ERRCODE = '22004';
    END IF;
    SELECT count(DISTINCT x) INTO requested FROM unnest(p_event_ids) x;

    SELECT count(DISTINCT d.event_id) INTO own
    FROM signal.delivery d
    WHERE d.recipient_ref = p_actor AND d.channel = 'inbox' AND d.event_id = ANY (p_event_ids);

    INSERT INTO signal.event_read (event_id, actor_ref, read_kind)
    SELECT DISTINCT d.event_id, p_actor, 'read'
    FROM signal.delivery d
    WHERE d.recipient_ref = p_actor AND d.channel = 'inbox' AND d.event_id = ANY (p_event_ids)
    ON CONFLICT ON CONSTRAINT pk_event_read DO UPDATE SET read_kind = 'read', read_at = now()
        WHERE signal.event_read.read_kind <> 'read';

    WITH moved AS (
        UPDATE signal.delivery d
        SET state = CASE WHEN p_acknowledge THEN 'acknowledged' ELSE 'read' END,
            acknowledged_at = CASE WHEN p_acknowledge THEN now() ELSE d.acknowledged_at END,
            read_at = coalesce(d.read_at, now()),
            updated_at = now()
        WHERE d.recipient_ref = p_actor AND d.channel = 'inbox' AND d.event_id = ANY (p_event_ids)
          AND d.state = ANY (CASE WHEN p_acknowledge THEN ARRAY['pending', 'delivered', 'failed', 'read']
                                  ELSE ARRAY['pending', 'delivered', 'failed'] END)
        RETURNING d.delivery_id
    )
    SELECT count(*) INTO changed FROM moved;
END
$$;
