-- Why: capture overhead. Measured with pgbench on a scratch copy of the schema (single-row autocommit inserts
-- into copies of unit_edit_comment, 8 writers, 3 alternating rounds of 4 s, medians; the benchmark figures are
-- in docs/benchmarks.md): plain table ~12,650 inserts/s; the same table with an EMPTY SECURITY DEFINER trigger
-- function carrying SET search_path ~10,850 (0.86), without the SET clause ~11,250 (0.89): on PostgreSQL 15 a
-- function-level SET switches and recomputes the search path on every call. The V106 trigger also called
-- signal.outbox_hint() (a second PL/pgSQL call with its own SET clause and three expressions, which PL/pgSQL
-- re-initialises in every transaction): ~8,750 (0.69). The outbox INSERT alone, no hint, no SET: ~9,800 (0.77);
-- the regenerated trigger below: ~0.75 (two runs). Dropping the outbox's primary key or all its indexes, a
-- sequence CACHE, or a narrower payload expression made no difference beyond the noise (±10 % on 2 shared
-- cores): the cost left is PL/pgSQL executing one INSERT per row. So the generated trigger function now:
--   * stays SECURITY DEFINER (writers need no right on signal.outbox) but has no SET clause. That is safe only
--     because every function, operator and type it names is schema-qualified (pg_catalog.*, OPERATOR(pg_catalog.<>),
--     signal.outbox), so a caller's search_path cannot substitute any object; keep it so when editing the template;
--   * inlines the wake-up hint as one expression: NOTIFY signal_outbox at most once per session per wall-clock
--     second (the epoch second of statement_timestamp(), kept in the session setting signal.capture_hint_at).
--     The configurable interval of signal.outbox_hint() (signal.capture_hint_interval) is gone: the worker's
--     hot window (longer than a second) covers the facts between hints, and a setting read on every insert
--     costs. signal.outbox_hint() keeps serving signal.emit, with the same per-second rule.
-- Everything else is unchanged (same outbox columns, NEW only, the name-collision checks of V106). The triggers
-- already onboarded are regenerated from signal.capture_source.

CREATE OR REPLACE FUNCTION signal.outbox_hint() RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    v_second text := date_part('epoch', statement_timestamp())::int8::text;
BEGIN
    IF coalesce(current_setting('signal.capture_hint_at', true), '') <> v_second THEN
        PERFORM set_config('signal.capture_hint_at', v_second, false), pg_notify('signal_outbox', '');
    END IF;
END
$$;
COMMENT ON FUNCTION signal.outbox_hint() IS
    'Wakes the capture worker (NOTIFY signal_outbox, empty payload) at most once per session per wall-clock second, the rule the generated capture triggers inline. A hint, never data.';

CREATE OR REPLACE FUNCTION signal.onboard_table(
    p_table              regclass,
    p_domain             text,
    p_event_type         text,
    p_subject_type       text    DEFAULT NULL,
    p_subject_ref_column text    DEFAULT 'id',
    p_actor_column       text    DEFAULT NULL,
    p_address_column     text    DEFAULT NULL,
    p_grouping_column    text    DEFAULT NULL,
    p_payload_columns    text[]  DEFAULT '{}',
    p_document_column    text    DEFAULT NULL
) RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $onboard$
DECLARE
    v_schema   text;
    v_table    text;
    v_function text;
    v_trigger  text;
    v_col      text;
    v_payload  text := '';
    v_type     regtype;
    v_owner    text;
BEGIN
    SELECT n.nspname, c.relname INTO v_schema, v_table
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_table;
    IF NOT EXISTS (SELECT 1 FROM signal.event_type t WHERE t.event_domain = p_domain AND t.event_type = p_event_type) THEN
        RAISE EXCEPTION 'event type %/% is not registered in signal.event_type', p_domain, p_event_type
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    -- every mapped column must exist; payload columns must not carry content
    FOREACH v_col IN ARRAY array_remove(ARRAY[p_subject_ref_column, p_actor_column, p_address_column,
                                              p_grouping_column, p_document_column], NULL) || coalesce(p_payload_columns, '{}') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = v_col
                       AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'column %.% does not exist', p_table, v_col USING ERRCODE = 'undefined_column';
        END IF;
    END LOOP;
    FOREACH v_col IN ARRAY coalesce(p_payload_columns, '{}') LOOP
        IF signal.forbidden_payload_key(jsonb_build_object(v_col, true)) IS NOT NULL THEN
            RAISE EXCEPTION 'column % may not be a payload column: its name marks content or a secret', v_col
                USING ERRCODE = 'check_violation';
        END IF;
        v_payload := v_payload || format('%L, NEW.%I, ', v_col, v_col);
    END LOOP;
    IF p_subject_ref_column IS NOT NULL THEN
        SELECT a.atttypid::regtype INTO v_type FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = p_subject_ref_column;
        IF v_type <> 'uuid'::regtype THEN
            RAISE EXCEPTION 'subject ref column % must be uuid, is %', p_subject_ref_column, v_type USING ERRCODE = 'datatype_mismatch';
        END IF;
    END IF;

    v_function := left(format('capture_%s_%s_%s', v_schema, v_table, p_event_type), 63);
    v_trigger := left(format('trg_signal_capture_%s', p_event_type), 63);
    -- the name is not unique per (table, type): refuse rather than replace another table's trigger body
    SELECT s.source_table || ' -> ' || s.event_domain || '/' || s.event_type INTO v_owner
    FROM signal.capture_source s
    WHERE s.trigger_function = 'signal.' || v_function
      AND (s.source_table, s.event_type) IS DISTINCT FROM (v_schema || '.' || v_table, p_event_type);
    IF v_owner IS NULL AND to_regprocedure(format('signal.%I()', v_function)) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM signal.capture_source s WHERE s.trigger_function = 'signal.' || v_function) THEN
        v_owner := 'a function not generated by signal.onboard_table';
    END IF;
    IF v_owner IS NOT NULL THEN
        RAISE EXCEPTION 'trigger function signal.% for %.% -> %/% is already taken by %', v_function, v_schema, v_table,
            p_domain, p_event_type, v_owner
            USING ERRCODE = 'duplicate_function',
                  HINT = 'rename the table or the event type; the generated name is capture_<schema>_<table>_<type>, cut at 63 characters';
    END IF;
    -- SECURITY DEFINER without a SET clause, so every name below is schema-qualified (see the header)
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION signal.%I() RETURNS trigger
            LANGUAGE plpgsql
            SECURITY DEFINER
        AS $body$
        BEGIN
            INSERT INTO signal.outbox (event_domain, event_type, event_subject_type, event_subject_ref, event_subject_table,
                                       canonical_address, actor_ref, source_system, source_function, source_document_ref,
                                       grouping_key, safe_payload, occurred_at)
            VALUES (%L, %L, %L, %s, %L, %s, %s, 'trigger', %L, %s, %s,
                    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(%s)), pg_catalog.clock_timestamp());
            IF coalesce(pg_catalog.current_setting('signal.capture_hint_at', true), '')
                   OPERATOR(pg_catalog.<>) pg_catalog.date_part('epoch', pg_catalog.statement_timestamp())::pg_catalog.int8::pg_catalog.text THEN
                PERFORM pg_catalog.set_config('signal.capture_hint_at',
                            pg_catalog.date_part('epoch', pg_catalog.statement_timestamp())::pg_catalog.int8::pg_catalog.text, false),
                        pg_catalog.pg_notify('signal_outbox', '');
            END IF;
            RETURN NULL;
        END
        $body$
        $f$,
        v_function, p_domain, p_event_type, coalesce(p_subject_type, v_table),
        CASE WHEN p_subject_ref_column IS NULL THEN 'NULL' ELSE format('NEW.%I', p_subject_ref_column) END,
        v_schema || '.' || v_table,
        CASE WHEN p_address_column IS NULL THEN 'NULL' ELSE format('NEW.%I::pg_catalog.text', p_address_column) END,
        CASE WHEN p_actor_column IS NULL THEN 'NULL' ELSE format('NEW.%I::pg_catalog.text', p_actor_column) END,
        'signal.' || v_function,
        CASE WHEN p_document_column IS NULL THEN 'NULL' ELSE format('NEW.%I::pg_catalog.text', p_document_column) END,
        CASE WHEN p_grouping_column IS NULL THEN 'NULL' ELSE format('NEW.%I::pg_catalog.text', p_grouping_column) END,
        rtrim(v_payload, ', '));
    EXECUTE format('COMMENT ON FUNCTION signal.%I() IS %L', v_function,
        format('Capture trigger generated by signal.onboard_table for %s.%s -> %s/%s: reads only the mapped columns of NEW.',
               v_schema, v_table, p_domain, p_event_type));
    EXECUTE format('REVOKE ALL ON FUNCTION signal.%I() FROM PUBLIC', v_function);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', v_trigger, p_table);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s FOR EACH ROW EXECUTE FUNCTION signal.%I()',
                   v_trigger, p_table, v_function);

    INSERT INTO signal.capture_source (source_table, event_domain, event_type, subject_type, subject_ref_column, actor_column,
                                       address_column, grouping_column, document_column, payload_columns, trigger_function)
    VALUES (v_schema || '.' || v_table, p_domain, p_event_type, coalesce(p_subject_type, v_table), p_subject_ref_column,
            p_actor_column, p_address_column, p_grouping_column, p_document_column, coalesce(p_payload_columns, '{}'),
            'signal.' || v_function)
    ON CONFLICT ON CONSTRAINT pk_capture_source DO UPDATE SET
        event_domain = EXCLUDED.event_domain, subject_type = EXCLUDED.subject_type,
        subject_ref_column = EXCLUDED.subject_ref_column, actor_column = EXCLUDED.actor_column,
        address_column = EXCLUDED.address_column, grouping_column = EXCLUDED.grouping_column,
        document_column = EXCLUDED.document_column, payload_columns = EXCLUDED.payload_columns,
        trigger_function = EXCLUDED.trigger_function, onboarded_at = now();
    RETURN 'signal.' || v_function;
END
$onboard$;
COMMENT ON FUNCTION signal.onboard_table(regclass, text, text, text, text, text, text, text, text[], text) IS
    'Installs (or replaces) the capture trigger of a source table in one call: AFTER INSERT, one outbox row per row with the mapped columns of NEW only (subject ref must be uuid; payload columns may not be named like content or secrets), plus a wake-up hint (NOTIFY signal_outbox) at most once per session per wall-clock second. The generated function is SECURITY DEFINER without a SET clause: every name in it is schema-qualified. Idempotent; returns the generated trigger function. Refuses (42723) when the generated name signal.capture_<schema>_<table>_<type> (cut at 63 characters) already belongs to another table or type, or to a function it did not generate.';
REVOKE ALL ON FUNCTION signal.onboard_table(regclass, text, text, text, text, text, text, text, text[], text) FROM PUBLIC;

-- Regenerate what is onboarded. The table is found through its trigger (capture_source stores it as unquoted text).
DO $$
DECLARE
    s signal.capture_source;
    v_table regclass;
BEGIN
    FOR s IN SELECT * FROM signal.capture_source ORDER BY source_table, event_type LOOP
        SELECT t.tgrelid INTO v_table FROM pg_trigger t
        WHERE t.tgfoid = to_regprocedure(format('signal.%I()', substr(s.trigger_function, length('signal.') + 1)))
          AND t.tgname = left(format('trg_signal_capture_%s', s.event_type), 63);
        IF v_table IS NOT NULL THEN
            PERFORM signal.onboard_table(v_table, s.event_domain, s.event_type, s.subject_type, s.subject_ref_column,
                                         s.actor_column, s.address_column, s.grouping_column, s.payload_columns,
                                         s.document_column);
        END IF;
    END LOOP;
END
$$;
