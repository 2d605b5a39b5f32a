-- Why: layer 1 (SPEC §4) must be installable on any source table in one call, PostgreSQL-native, and cheap
-- on the writer's hot path. signal.onboard_table(...) generates one small PL/pgSQL trigger function per
-- table with the mapped columns compiled in (NEW."col"), so the trigger reads only NEW, never serialises
-- the whole row (a body column cannot reach the outbox: it is not even referenced), and appends one outbox row.
--
-- Wake-up hint: a transaction that has called NOTIFY takes a database-wide lock at commit, held through the
-- commit's WAL flush, so one NOTIFY per writing transaction serialises concurrent writers (measured in
-- docs/benchmarks.md). The hint is therefore throttled per session: a session notifies signal_outbox at most
-- once per signal.capture_hint_interval (default 1 second, a session GUC; no table is read). The worker
-- stays in a fast-poll "hot" mode for longer than that interval after any work, so a fact whose hint was
-- skipped is still picked up within a few milliseconds; when everything is quiet the first fact notifies.
-- A lost hint only delays a fact until the worker's poll fallback, never loses it.

CREATE FUNCTION signal.outbox_hint() RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    v_now  double precision := extract(epoch FROM clock_timestamp());
    v_last text := current_setting('signal.capture_hint_at', true);
    v_gap  text := current_setting('signal.capture_hint_interval', true);
BEGIN
    IF v_last IS NULL OR v_last = ''
       OR v_now - v_last::double precision >= coalesce(nullif(v_gap, '')::double precision, 1.0)
       OR v_now < v_last::double precision THEN
        PERFORM pg_catalog.set_config('signal.capture_hint_at', v_now::text, false);
        PERFORM pg_catalog.pg_notify('signal_outbox', '');
    END IF;
END
$$;
COMMENT ON FUNCTION signal.outbox_hint() IS
    'Wakes the capture worker (NOTIFY signal_outbox, empty payload) at most once per session per signal.capture_hint_interval seconds (default 1; set 0 to notify on every call). A hint, never data.';

CREATE TABLE signal.capture_source (
    source_table        text        NOT NULL,
    event_domain        text        NOT NULL,
    event_type          text        NOT NULL,
    subject_type        text        NOT NULL,
    subject_ref_column  text,
    actor_column        text,
    address_column      text,
    grouping_column     text,
    document_column     text,
    payload_columns     text[]      NOT NULL DEFAULT '{}',
    trigger_function    text        NOT NULL,
    onboarded_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_capture_source PRIMARY KEY (source_table, event_type),
    CONSTRAINT fk_capture_source_type FOREIGN KEY (event_domain, event_type) REFERENCES signal.event_type (event_domain, event_type)
);
COMMENT ON TABLE signal.capture_source IS
    'Source tables onboarded by signal.onboard_table: which columns of NEW map to the envelope. Informational; the generated trigger function is the truth.';

CREATE FUNCTION signal.onboard_table(
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
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION signal.%I() RETURNS trigger
            LANGUAGE plpgsql
            SECURITY DEFINER
            SET search_path = pg_catalog
        AS $body$
        BEGIN
            INSERT INTO signal.outbox (event_domain, event_type, event_subject_type, event_subject_ref, event_subject_table,
                                       canonical_address, actor_ref, source_system, source_function, source_document_ref,
                                       grouping_key, safe_payload, occurred_at)
            VALUES (%L, %L, %L, %s, %L, %s, %s, 'trigger', %L, %s, %s, jsonb_strip_nulls(jsonb_build_object(%s)), clock_timestamp());
            PERFORM signal.outbox_hint();
            RETURN NULL;
        END
        $body$
        $f$,
        v_function, p_domain, p_event_type, coalesce(p_subject_type, v_table),
        CASE WHEN p_subject_ref_column IS NULL THEN 'NULL' ELSE format('NEW.%I', p_subject_ref_column) END,
        v_schema || '.' || v_table,
        CASE WHEN p_address_column IS NULL THEN 'NULL' ELSE format('NEW.%I::text', p_address_column) END,
        CASE WHEN p_actor_column IS NULL THEN 'NULL' ELSE format('NEW.%I::text', p_actor_column) END,
        'signal.' || v_function,
        CASE WHEN p_document_column IS NULL THEN 'NULL' ELSE format('NEW.%I::text', p_document_column) END,
        CASE WHEN p_grouping_column IS NULL THEN 'NULL' ELSE format('NEW.%I::text', p_grouping_column) END,
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
    'Installs (or replaces) the capture trigger of a source table in one call: AFTER INSERT, one outbox row per row with the mapped columns of NEW only (subject ref must be uuid; payload columns may not be named like content or secrets), plus a throttled wake-up hint. Idempotent; returns the generated trigger function.';
REVOKE ALL ON FUNCTION signal.onboard_table(regclass, text, text, text, text, text, text, text, text[], text) FROM PUBLIC;

CREATE FUNCTION signal.offboard_table(p_table regclass, p_event_type text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    v_function text;
BEGIN
    DELETE FROM signal.capture_source s
    WHERE s.source_table = (SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_table)
      AND s.event_type = p_event_type
    RETURNING s.trigger_function INTO v_function;
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', left(format('trg_signal_capture_%s', p_event_type), 63), p_table);
    IF v_function IS NOT NULL THEN
        EXECUTE format('DROP FUNCTION IF EXISTS %s()', v_function);
    END IF;
    RETURN v_function IS NOT NULL;
END
$$;
COMMENT ON FUNCTION signal.offboard_table(regclass, text) IS 'Removes the capture trigger installed by signal.onboard_table for a table and event type; idempotent.';
REVOKE ALL ON FUNCTION signal.offboard_table(regclass, text) FROM PUBLIC;

-- Explicit emission uses the same throttled hint (V7's version notified on every call).
CREATE OR REPLACE FUNCTION signal.emit(
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
    PERFORM signal.outbox_hint();
    RETURN v_fact_id;
END
$$;
