-- Why: SQL functions and services (the scan, DOT executions) record facts through the same outbox as the
-- capture triggers (SPEC §4 "explicit emission"), so one worker validates, groups and dead-letters them all.
-- Call with named arguments: SELECT signal.emit(p_domain => 'birth_registry', p_event_type => '...', ...).

CREATE FUNCTION signal.emit(
    p_domain              text,
    p_event_type          text,
    p_subject_type        text    DEFAULT NULL,
    p_subject_ref         uuid    DEFAULT NULL,
    p_actor_ref           text    DEFAULT NULL,
    p_safe_payload        jsonb   DEFAULT '{}',
    p_severity            text    DEFAULT NULL,
    p_correlation_id      text    DEFAULT NULL,
    p_causation_id        text    DEFAULT NULL,
    p_grouping_key        text    DEFAULT NULL,
    p_canonical_address   text    DEFAULT NULL,
    p_source_function     text    DEFAULT NULL,
    p_source_document_ref text    DEFAULT NULL,
    p_import_batch_ref    text    DEFAULT NULL,
    p_subject_table       text    DEFAULT NULL,
    p_occurred_at         timestamptz DEFAULT NULL
) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_fact_id bigint;
BEGIN
    INSERT INTO signal.outbox (event_domain, event_type, event_severity, event_subject_type, event_subject_ref,
                               event_subject_table, canonical_address, actor_ref, source_system, source_function,
                               correlation_id, causation_id, source_document_ref, import_batch_ref, grouping_key,
                               safe_payload, occurred_at)
    VALUES (p_domain, p_event_type, p_severity, p_subject_type, p_subject_ref,
            p_subject_table, p_canonical_address, p_actor_ref, 'function', p_source_function,
            p_correlation_id, p_causation_id, p_source_document_ref, p_import_batch_ref, p_grouping_key,
            coalesce(p_safe_payload, '{}'), coalesce(p_occurred_at, clock_timestamp()))
    RETURNING fact_id INTO v_fact_id;
    PERFORM pg_notify('signal_outbox', '');
    RETURN v_fact_id;
END
$$;
COMMENT ON FUNCTION signal.emit(text, text, text, uuid, text, jsonb, text, text, text, text, text, text, text, text, text, timestamptz) IS
    'Records a fact in the outbox (source_system=function) and wakes the capture worker; returns the fact id. Validation happens at the worker: a bad fact is dead-lettered, never lost.';

REVOKE ALL ON FUNCTION signal.emit(text, text, text, uuid, text, jsonb, text, text, text, text, text, text, text, text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.emit(text, text, text, uuid, text, jsonb, text, text, text, text, text, text, text, text, text, timestamptz) TO signal_scan, signal_capture;
