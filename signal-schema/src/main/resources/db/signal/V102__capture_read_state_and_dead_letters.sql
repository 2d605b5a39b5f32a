-- Why: layer 3 needs an explicit read (SPEC §4 read state) callable from SQL by the exposure service, agents
-- and Directus; and operators need dead letters (outbox rows in state 'dead') listed and re-driven,
-- PostgreSQL-first, with the HTTP endpoints of event-capture-service as a thin layer over these functions.

CREATE FUNCTION signal.mark_event_read(p_event_ids uuid[], p_actor text) RETURNS integer
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_actor IS NULL OR p_actor = '' THEN
        RAISE EXCEPTION 'actor is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- implicit_self stays: the actor caused the event, which already counts as read
    INSERT INTO signal.event_read (event_id, actor_ref, read_kind)
    SELECT e.event_id, p_actor, 'read'
    FROM signal.event e
    WHERE e.event_id = ANY (coalesce(p_event_ids, '{}'))
    ON CONFLICT ON CONSTRAINT pk_event_read DO NOTHING;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION signal.mark_event_read(uuid[], text) IS
    'Explicit read of events by an actor; idempotent (a second call or an implicit_self row changes nothing); unknown ids are ignored. Returns the number of rows newly marked read.';
REVOKE ALL ON FUNCTION signal.mark_event_read(uuid[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.mark_event_read(uuid[], text) TO signal_capture, signal_exposure, signal_router;

CREATE INDEX ix_outbox_dead ON signal.outbox (fact_id DESC) WHERE state = 'dead';

CREATE VIEW signal.dead_letter AS
SELECT o.fact_id, o.event_domain, o.event_type, o.event_subject_type, o.event_subject_ref, o.event_subject_table,
       o.actor_ref, o.source_system, o.grouping_key, o.attempts, o.last_error, o.occurred_at, o.recorded_at,
       o.processed_at AS dead_at
FROM signal.outbox o
WHERE o.state = 'dead';
COMMENT ON VIEW signal.dead_letter IS 'Dead-lettered facts (metadata only, no payload): why (last_error), how often tried. Re-drive with signal.redrive_dead_letter(fact_id).';

CREATE FUNCTION signal.redrive_dead_letter(p_fact_id bigint) RETURNS boolean
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_found boolean;
BEGIN
    UPDATE signal.outbox o
    SET state = 'pending', attempts = 0, next_attempt_at = now(), processed_at = NULL,
        last_error = 'redriven after: ' || coalesce(o.last_error, '')
    WHERE o.fact_id = p_fact_id AND o.state = 'dead';
    v_found := FOUND;
    IF v_found THEN
        PERFORM pg_notify('signal_outbox', '');
    END IF;
    RETURN v_found;
END
$$;
COMMENT ON FUNCTION signal.redrive_dead_letter(bigint) IS
    'Returns a dead-lettered fact to pending (attempts reset, due now, previous error kept in last_error) and wakes the worker. False when no dead fact has this id.';
REVOKE ALL ON FUNCTION signal.redrive_dead_letter(bigint) FROM PUBLIC;

GRANT SELECT ON signal.dead_letter, signal.capture_source TO signal_capture;
GRANT EXECUTE ON FUNCTION signal.redrive_dead_letter(bigint) TO signal_capture;
GRANT EXECUTE ON FUNCTION signal.outbox_hint() TO signal_capture, signal_scan;
