-- Why: a trigger of the birth-onboarding full scan (SPEC §7, seed 000) used to be orchestrated by scan-service in
-- Java over several statements: kill switch and single-flight lock, the scan, a probe of the shape of
-- public.system_issues, the run summary and the governance event, then the unlock. Every extra round trip, and the
-- Java work between them, came on top of the scan itself (benchmark: 33.9 ms through the endpoint for a 17.9 ms
-- scan). These functions do the whole run in ONE statement and ONE commit; scan-service keeps the HTTP status,
-- metrics and logs.
--
-- They live in db/signal because they are scan-service's own contract, not the host platform's: on a platform
-- database (db/platform left out) they work against the platform's public.system_issues, public.dot_config and
-- public.fn_birth_onboarding_full_scan(uuid). Nothing here needs those objects to exist at migration time
-- (PL/pgSQL resolves names when a statement first runs), and every reference to them is guarded or reported.
-- They run with their caller's rights (signal_scan: db/platform V504/V506, db/signal V7) and only signal_scan
-- may call them. Never creates tables or columns.

-- The live shape of public.system_issues, read at every call (pg_catalog only, a fraction of a millisecond), so a
-- run follows a shape change made a moment ago. Columns as information_schema.columns would report them (same
-- data_type names, nullability, default/identity/generated rules and privilege filter), without the several
-- milliseconds of planning that view costs. PL/pgSQL so the plan is cached per connection.
CREATE OR REPLACE FUNCTION signal.birth_full_scan_issues_shape()
    RETURNS jsonb
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (
        WITH col AS (
            SELECT a.attnum, a.attname::text AS name,
                   CASE WHEN t.typtype = 'd' THEN
                          CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                               WHEN bt.typnamespace = 'pg_catalog'::regnamespace THEN format_type(t.typbasetype, NULL)
                               ELSE 'USER-DEFINED' END
                        WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                        WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN format_type(a.atttypid, NULL)
                        ELSE 'USER-DEFINED' END AS data_type,
                   format_type(a.atttypid, a.atttypmod) AS sql_type,
                   (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AND NOT a.atthasdef
                     AND a.attidentity = '' AND a.attgenerated = '' AS mandatory,
                   -- the columns a run summary knows how to fill
                   a.attname::text IN ('issue_type', 'severity', 'entity_ref', 'title', 'description', 'details',
                                       'details_json', 'source') AS known
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            WHERE c.relname = 'system_issues'
              AND c.relkind IN ('r', 'v', 'f', 'p')
              AND (pg_has_role(c.relowner, 'USAGE')
                   OR has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))),
        facts AS (
            SELECT count(*) AS n,
                   coalesce(jsonb_agg(jsonb_build_object('name', name, 'type', data_type, 'mandatory', mandatory,
                                                         'sql_type', sql_type) ORDER BY attnum), '[]') AS columns,
                   coalesce(jsonb_agg(name ORDER BY attnum) FILTER (WHERE known), '[]') AS writable,
                   string_agg(name, ', ' ORDER BY attnum) FILTER (WHERE mandatory AND NOT known) AS unmappable,
                   (array_agg(name ORDER BY attnum)
                        FILTER (WHERE name IN ('details', 'details_json') AND data_type IN ('json', 'jsonb')))[1]
                       AS details_column,
                   coalesce(bool_or(name = 'description' AND data_type IN ('text', 'character varying')), false)
                       AS text_description
            FROM col)
        SELECT jsonb_build_object('columns', columns, 'writable', writable, 'details_column', details_column)
               || CASE
                    WHEN n = 0 THEN jsonb_build_object('status', 'BLOCKED_FOR_OBSERVABILITY_DECISION',
                        'reason', 'public.system_issues does not exist (scan-service never creates it)')
                    WHEN unmappable IS NOT NULL THEN jsonb_build_object('status', 'BLOCKED_FOR_OBSERVABILITY_DECISION',
                        'reason', 'mandatory columns without default cannot be mapped: ' || unmappable)
                    WHEN details_column IS NOT NULL THEN jsonb_build_object('status', 'FULL',
                        'reason', 'structured column ' || details_column)
                    WHEN text_description THEN jsonb_build_object('status', 'PARTIAL',
                        'reason', 'no json/jsonb details column: summary written as text into description')
                    ELSE jsonb_build_object('status', 'BLOCKED_FOR_OBSERVABILITY_DECISION',
                        'reason', 'neither a structured details column nor a text description column')
                  END
        FROM facts);
END
$$;
COMMENT ON FUNCTION signal.birth_full_scan_issues_shape() IS
    'The live shape of public.system_issues for a full-scan run summary (seed 000 §E): status FULL (json/jsonb details column), PARTIAL (text description only) or BLOCKED_FOR_OBSERVABILITY_DECISION (no table, or a mandatory column without default it cannot fill), reason, columns (name, type as information_schema names it, mandatory, sql_type), writable, details_column. Read from pg_catalog at every call.';

-- Records a finished scan: one run summary into public.system_issues mapped onto whatever columns the shape has
-- (identity = the run id, so no dedup), then the governance event through signal.emit (counts and ids only).
-- A summary the table refuses (a CHECK, a trigger, a type) is rolled back alone and the event then says
-- BLOCKED_FOR_OBSERVABILITY_DECISION with the reason, as when the shape itself blocks.
CREATE OR REPLACE FUNCTION signal.record_birth_full_scan(p_result jsonb, p_shape jsonb)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_observability text    := p_shape ->> 'status';
    v_reason        text    := p_shape ->> 'reason';
    v_failed        boolean := p_result ->> 'status' = 'dependency_fail';
    v_gaps          integer := coalesce((p_result ->> 'gaps_total')::integer, 0);
    v_summary       jsonb   := p_result - 'new_gaps'; -- the gap issues themselves hold the new gaps
    v_title         text;
    v_row           jsonb;
    v_columns       text;
    v_typed         text;
    v_severity      text;
    v_payload       jsonb;
    v_fact_id       bigint;
BEGIN
    IF v_observability <> 'BLOCKED_FOR_OBSERVABILITY_DECISION' THEN
        v_title := CASE WHEN v_failed
            THEN 'Birth onboarding full scan: dependency_fail, missing ' || (p_result -> 'missing')::text
            ELSE format('Birth onboarding full scan %s: %s collections, %s gaps (%s new, %s already open)',
                        p_result ->> 'status', coalesce(p_result ->> 'scanned', '0'), v_gaps,
                        coalesce(p_result ->> 'gaps_new', '0'), coalesce(p_result ->> 'gaps_already_open', '0')) END;
        SELECT jsonb_object_agg(c.name, CASE c.name
                   WHEN 'issue_type' THEN to_jsonb('BIRTH_FULL_SCAN_RUN_SUMMARY'::text)
                   WHEN 'severity' THEN to_jsonb(CASE WHEN v_failed THEN 'critical'
                                                      WHEN v_gaps > 0 THEN 'warning' ELSE 'informational' END)
                   WHEN 'entity_ref' THEN to_jsonb('birth_onboarding_full_scan:' || (p_result ->> 'run_id'))
                   WHEN 'title' THEN to_jsonb(v_title)
                   WHEN 'source' THEN to_jsonb('scan-service'::text)
                   WHEN 'description' THEN to_jsonb(CASE WHEN v_observability = 'FULL' THEN v_title
                                                         ELSE v_title || E'\n' || v_summary::text END)
                   -- details / details_json: the structured one holds the summary, a text one its JSON text
                   ELSE CASE WHEN c.name = p_shape ->> 'details_column' THEN v_summary
                             ELSE to_jsonb(v_summary::text) END
               END),
               string_agg(format('%I', c.name), ', '),
               string_agg(format('%I %s', c.name, c.sql_type), ', ')
        INTO v_row, v_columns, v_typed
        FROM jsonb_to_recordset(p_shape -> 'columns') AS c(name text, sql_type text)
        WHERE p_shape -> 'writable' ? c.name;
        BEGIN
            EXECUTE format('INSERT INTO public.system_issues (%s) SELECT %s FROM pg_catalog.jsonb_to_record($1) AS r(%s)',
                           v_columns, v_columns, v_typed)
                USING v_row;
        EXCEPTION WHEN OTHERS THEN
            v_observability := 'BLOCKED_FOR_OBSERVABILITY_DECISION';
            v_reason := 'public.system_issues refused the run summary: ' || SQLERRM;
            v_row := NULL;
        END;
    END IF;

    v_severity := CASE WHEN v_failed THEN 'critical' WHEN v_gaps > 0 THEN 'warning' ELSE 'info' END;
    v_payload := jsonb_build_object(
        'run_id', p_result -> 'run_id', 'status', p_result -> 'status',
        'scanned', coalesce(p_result -> 'scanned', '0'), 'gaps_total', coalesce(p_result -> 'gaps_total', '0'),
        'gaps_new', coalesce(p_result -> 'gaps_new', '0'),
        'gaps_already_open', coalesce(p_result -> 'gaps_already_open', '0'),
        'gaps_by_type', p_result -> 'gaps_by_type', 'missing', p_result -> 'missing',
        'duration_ms', p_result -> 'duration_ms', 'observability_status', v_observability);
    v_fact_id := signal.emit(p_domain => 'birth_registry', p_event_type => 'onboarding_full_scan_completed',
                             p_subject_type => 'birth_full_scan_run', p_subject_ref => (p_result ->> 'run_id')::uuid,
                             p_actor_ref => 'service:scan-service', p_safe_payload => v_payload,
                             p_severity => v_severity, p_correlation_id => p_result ->> 'run_id',
                             p_source_function => 'public.fn_birth_onboarding_full_scan');
    RETURN jsonb_build_object(
        'observability_status', v_observability, 'observability_reason', v_reason, 'event_fact_id', v_fact_id,
        'run_summary', v_row,
        'governance_event', jsonb_build_object('domain', 'birth_registry',
            'event_type', 'onboarding_full_scan_completed', 'severity', v_severity, 'safe_payload', v_payload));
END
$$;
COMMENT ON FUNCTION signal.record_birth_full_scan(jsonb, jsonb) IS
    'Writes the run summary of a full-scan result into public.system_issues as the given shape allows (nothing when BLOCKED, or when the table refuses it) and emits birth_registry/onboarding_full_scan_completed; returns observability_status, observability_reason, event_fact_id, run_summary (column -> value as written) and governance_event.';

-- One trigger of the full scan, in one statement. The single-flight lock is a transaction advisory lock and the
-- run is named in application_name with set_config(..., is_local => true): both end exactly when the caller's
-- transaction ends (commit, rollback, or a lost connection), so no unlock is needed and a concurrent caller always
-- finds the holder's run id while the lock is held. That is also why this function has no SET search_path
-- clause: a SET clause would undo the local application_name when the function returns, before the commit that
-- releases the lock. It runs with its caller's rights and names everything it uses schema-qualified.
-- A dry run does the very same work, summary and event included, inside a block that is then rolled back, and
-- reports what it would have written; the lock is held to its end like a real run's.
CREATE OR REPLACE FUNCTION signal.run_birth_full_scan(p_lock_key bigint, p_dry_run boolean DEFAULT false)
    RETURNS jsonb
    LANGUAGE plpgsql
AS $$
DECLARE
    v_enabled  text;
    v_holder   text;
    v_run_id   uuid := pg_catalog.gen_random_uuid();
    v_result   jsonb;
    v_recorded jsonb;
BEGIN
    -- kill switch; an absent key or an absent dot_config is not "off": the scan names what is missing. A dot_config
    -- the caller may not read is refused: the scan itself reads it with its owner's rights and would run, so a
    -- missing grant would silently bypass the switch
    IF pg_catalog.to_regclass('public.dot_config') IS NOT NULL THEN
        IF NOT pg_catalog.has_table_privilege('public.dot_config', 'SELECT') THEN
            RETURN pg_catalog.jsonb_build_object('status', 'kill_switch_unreadable', 'error', 'kill_switch_unreadable',
                'run_id', NULL, 'dry_run', p_dry_run,
                'message', 'role ' || current_user || ' may not read public.dot_config, so the kill switch'
                           || ' policy.birth_full_scan.enabled cannot be checked: nothing scanned (GRANT SELECT)');
        END IF;
        SELECT pg_catalog.max(c.value) INTO v_enabled
        FROM public.dot_config c WHERE c.key = 'policy.birth_full_scan.enabled';
    END IF;
    IF v_enabled IS NOT NULL
       AND pg_catalog.lower(pg_catalog.regexp_replace(v_enabled, '^[\x01-\x20]+|[\x01-\x20]+$', '', 'g')) <> 'true' THEN
        RETURN pg_catalog.jsonb_build_object('status', 'disabled', 'run_id', NULL, 'dry_run', p_dry_run,
            'message', 'kill switch policy.birth_full_scan.enabled is not true: nothing scanned');
    END IF;

    -- single flight across replicas; pg_locks shows an int8 key as two unsigned 32-bit halves
    IF NOT pg_catalog.pg_try_advisory_xact_lock(p_lock_key) THEN
        SELECT pg_catalog.substr(a.application_name, pg_catalog.length('birth-full-scan:') + 1) INTO v_holder
        FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.classid::bigint = ((p_lock_key >> 32) & 4294967295)
          AND l.objid::bigint = (p_lock_key & 4294967295)
          AND a.application_name LIKE 'birth-full-scan:%';
        RETURN pg_catalog.jsonb_build_object('status', 'running', 'error', 'scan_running', 'run_id', v_holder,
            'message', 'a full scan is already running' || coalesce(' (run ' || v_holder || ')', ''));
    END IF;
    PERFORM pg_catalog.set_config('application_name', 'birth-full-scan:' || v_run_id, true);

    IF NOT p_dry_run THEN
        v_result := public.fn_birth_onboarding_full_scan(v_run_id);
        v_recorded := signal.record_birth_full_scan(v_result, signal.birth_full_scan_issues_shape());
        RETURN v_result || pg_catalog.jsonb_build_object('dry_run', false)
               || (v_recorded - 'run_summary' - 'governance_event');
    END IF;
    BEGIN
        v_result := public.fn_birth_onboarding_full_scan(v_run_id);
        v_recorded := signal.record_birth_full_scan(v_result, signal.birth_full_scan_issues_shape());
        RAISE SQLSTATE 'SGDRY';
    EXCEPTION WHEN SQLSTATE 'SGDRY' THEN
        NULL; -- the block's writes are rolled back; the variables keep what the run saw
    END;
    RETURN v_result || pg_catalog.jsonb_build_object('dry_run', true,
        'observability_status', v_recorded -> 'observability_status',
        'observability_reason', v_recorded -> 'observability_reason',
        'would_log', pg_catalog.jsonb_build_object('gap_issues', v_result -> 'new_gaps',
                                                   'run_summary', v_recorded -> 'run_summary',
                                                   'governance_event', v_recorded -> 'governance_event'));
END
$$;
COMMENT ON FUNCTION signal.run_birth_full_scan(bigint, boolean) IS
    'One trigger of the birth-onboarding full scan in one statement (scan-service POST /api/birth/onboarding/full-scan): kill switch (dot_config policy.birth_full_scan.enabled) -> status disabled, or kill_switch_unreadable when the caller may not read dot_config; single flight on transaction advisory lock p_lock_key -> status running with the holder''s run_id; else public.fn_birth_onboarding_full_scan, run summary by the live shape of public.system_issues, governance event; returns the scan''s JSONB plus dry_run, observability_status, observability_reason, event_fact_id. p_dry_run: the same work rolled back, plus would_log. The lock and the run name (application_name birth-full-scan:<run id>) last until the caller''s transaction ends.';

REVOKE ALL ON FUNCTION signal.birth_full_scan_issues_shape(), signal.record_birth_full_scan(jsonb, jsonb),
    signal.run_birth_full_scan(bigint, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.birth_full_scan_issues_shape(), signal.record_birth_full_scan(jsonb, jsonb),
    signal.run_birth_full_scan(bigint, boolean) TO signal_scan;
