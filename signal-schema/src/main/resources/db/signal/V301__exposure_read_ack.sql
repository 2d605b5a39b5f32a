-- Why: the exposure service may change exactly two things, and only for the calling actor (SPEC §6): mark
-- its own inbox deliveries read, and acknowledge them. These SECURITY DEFINER functions are its only write
-- path (the signal_exposure role has no INSERT/UPDATE/DELETE on any table). Both are idempotent; an event
-- that was not delivered to the actor is skipped, never touched, so one actor can never change another's
-- state. A NOTIFY on signal_delivery (ids only) lets the actor's other open streams refresh.

-- One body for both actions: they differ only in the target state and which states they move from.
CREATE FUNCTION signal.settle_inbox(p_actor text, p_event_ids uuid[], p_acknowledge boolean,
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

    IF changed > 0 THEN
        PERFORM pg_notify('signal_delivery', '');
    END IF;
END
$$;
COMMENT ON FUNCTION signal.settle_inbox(text, uuid[], boolean) IS
    'Shared body of signal.mark_read and signal.acknowledge: reads (and with p_acknowledge acknowledges) p_actor''s own inbox deliveries of the given events. Not callable by the services directly.';
REVOKE ALL ON FUNCTION signal.settle_inbox(text, uuid[], boolean) FROM PUBLIC;

CREATE FUNCTION signal.mark_read(p_actor text, p_event_ids uuid[]) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT jsonb_build_object('requested', s.requested, 'marked', s.changed,
                              'unchanged', s.own - s.changed, 'not_delivered', s.requested - s.own)
    FROM signal.settle_inbox(p_actor, p_event_ids, false) s
$$;
COMMENT ON FUNCTION signal.mark_read(text, uuid[]) IS
    'Marks the given events read for p_actor, only where p_actor has an inbox delivery; idempotent. Returns {requested, marked, unchanged, not_delivered}.';

CREATE FUNCTION signal.acknowledge(p_actor text, p_event_ids uuid[]) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT jsonb_build_object('requested', s.requested, 'acknowledged', s.changed,
                              'unchanged', s.own - s.changed, 'not_delivered', s.requested - s.own)
    FROM signal.settle_inbox(p_actor, p_event_ids, true) s
$$;
COMMENT ON FUNCTION signal.acknowledge(text, uuid[]) IS
    'Acknowledges (and reads) the given events for p_actor, only where p_actor has an inbox delivery; resolved, implicit_self and acknowledged deliveries stay as they are; idempotent. Returns {requested, acknowledged, unchanged, not_delivered}.';

REVOKE ALL ON FUNCTION signal.mark_read(text, uuid[]), signal.acknowledge(text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.mark_read(text, uuid[]), signal.acknowledge(text, uuid[]) TO signal_exposure;
