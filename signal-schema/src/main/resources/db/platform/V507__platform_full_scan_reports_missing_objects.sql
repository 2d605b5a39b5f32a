-- Why: public.fn_birth_onboarding_full_scan (V503, SECURITY DEFINER since V506) appended what is missing with
-- `v_missing || 'table:...'`: an untyped literal next to a text[] is read as an array literal, so a missing table or
-- sibling function raised "malformed array literal" instead of returning status=dependency_fail naming it (only a
-- missing policy key, collected by array_agg, worked). The literals are now typed as text; nothing else changes.
-- CREATE OR REPLACE keeps the grants of V506 (EXECUTE for signal_scan only) but not SECURITY DEFINER and the
-- search_path: both are repeated here.

CREATE OR REPLACE FUNCTION public.fn_birth_onboarding_full_scan(p_run_id uuid DEFAULT NULL)
    RETURNS jsonb
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_run_id   uuid        := coalesce(p_run_id, gen_random_uuid());
    v_started  timestamptz := clock_timestamp();
    v_missing  text[]      := '{}';
    v_birth_fn oid;
    v_scanned  integer     := 0;
    v_new      integer     := 0;
    v_open     integer     := 0;
    v_by_type  jsonb       := jsonb_build_object('table_missing', 0, 'species_unmapped', 0,
                                  'birth_trigger_missing', 0, 'birth_trigger_disabled', 0, 'births_unrecorded', 0);
    v_new_gaps jsonb       := '[]';
    r          record;
    v_gap      text;
    v_has_rows boolean;
BEGIN
    -- 1. dependencies: onboarding contract (tables), policy keys, sibling functions
    IF to_regclass('public.collection_registry') IS NULL THEN v_missing := v_missing || 'table:public.collection_registry'::text; END IF;
    IF to_regclass('public.collection_species_map') IS NULL THEN v_missing := v_missing || 'table:public.collection_species_map'::text; END IF;
    IF to_regclass('public.birth_registry') IS NULL THEN v_missing := v_missing || 'table:public.birth_registry'::text; END IF;
    IF to_regclass('public.system_issues') IS NULL THEN v_missing := v_missing || 'table:public.system_issues'::text; END IF;
    IF to_regclass('public.dot_config') IS NULL THEN
        v_missing := v_missing || 'table:public.dot_config'::text;
    ELSE
        SELECT v_missing || coalesce(array_agg('policy:' || k ORDER BY k), '{}') INTO v_missing
        FROM unnest(ARRAY['policy.birth_full_scan.enabled', 'policy.birth_full_scan.cadence_cron']) k
        WHERE NOT EXISTS (SELECT 1 FROM public.dot_config c WHERE c.key = k);
    END IF;
    v_birth_fn := to_regprocedure('public.fn_birth_registry_record_birth()');
    IF v_birth_fn IS NULL THEN v_missing := v_missing || 'function:public.fn_birth_registry_record_birth()'::text; END IF;
    IF to_regprocedure('public.fn_b3f1_log_collection_onboarding_gap(text,text,jsonb,text)') IS NULL THEN
        v_missing := v_missing || 'function:public.fn_b3f1_log_collection_onboarding_gap(text,text,jsonb,text)'::text;
    END IF;
    IF to_regprocedure('public.fn_b3f1_birth_onboarding_gate()') IS NULL THEN
        v_missing := v_missing || 'function:public.fn_b3f1_birth_onboarding_gate()'::text;
    END IF;
    IF cardinality(v_missing) > 0 THEN
        RETURN jsonb_build_object('status', 'dependency_fail', 'run_id', v_run_id, 'missing', to_jsonb(v_missing),
            'scanned', 0, 'gaps_total', 0, 'gaps_new', 0, 'gaps_already_open', 0, 'gaps_by_type', v_by_type,
            'new_gaps', '[]'::jsonb, 'started_at', v_started,
            'duration_ms', round(extract(epoch FROM clock_timestamp() - v_started) * 1000, 3));
    END IF;

    -- 2. every live collection against the catalogs, in one pass
    FOR r IN
        SELECT c.collection_name, c.table_schema, cls.oid AS table_oid,
               m.species_code IS NOT NULL AS species_mapped,
               t.tgenabled
        FROM public.collection_registry c
        LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema
        LEFT JOIN pg_catalog.pg_class cls ON cls.relnamespace = n.oid AND cls.relname = c.collection_name
                                         AND cls.relkind IN ('r', 'p')
        LEFT JOIN public.collection_species_map m ON m.collection_name = c.collection_name
        LEFT JOIN LATERAL (SELECT min(tg.tgenabled::text) FILTER (WHERE tg.tgenabled <> 'D') AS enabled_any,
                                  min(tg.tgenabled::text) AS any_trigger
                           FROM pg_catalog.pg_trigger tg
                           WHERE tg.tgrelid = cls.oid AND tg.tgfoid = v_birth_fn AND NOT tg.tgisinternal) tr ON true
        CROSS JOIN LATERAL (SELECT CASE WHEN tr.enabled_any IS NOT NULL THEN 'E'
                                        WHEN tr.any_trigger IS NOT NULL THEN 'D' END AS tgenabled) t
        WHERE c.status = 'active'
        ORDER BY c.collection_name
    LOOP
        v_scanned := v_scanned + 1;
        FOREACH v_gap IN ARRAY ARRAY[
            CASE WHEN r.table_oid IS NULL THEN 'table_missing' END,
            CASE WHEN NOT r.species_mapped THEN 'species_unmapped' END,
            CASE WHEN r.table_oid IS NOT NULL AND r.tgenabled IS NULL THEN 'birth_trigger_missing' END,
            CASE WHEN r.table_oid IS NOT NULL AND r.tgenabled = 'D' THEN 'birth_trigger_disabled' END]
        LOOP
            CONTINUE WHEN v_gap IS NULL;
            v_by_type := jsonb_set(v_by_type, ARRAY[v_gap], to_jsonb((v_by_type ->> v_gap)::int + 1));
            IF public.fn_b3f1_log_collection_onboarding_gap(r.collection_name, v_gap,
                   jsonb_build_object('run_id', v_run_id), 'birth_onboarding_full_scan') THEN
                v_new := v_new + 1;
                v_new_gaps := v_new_gaps || jsonb_build_object('collection', r.collection_name, 'gap_type', v_gap);
            ELSE
                v_open := v_open + 1;
            END IF;
        END LOOP;
        -- a table holding rows while the birth registry knows none of them: births went unrecorded
        IF r.table_oid IS NOT NULL AND r.tgenabled IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM public.birth_registry b WHERE b.collection_name = r.collection_name) THEN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', r.table_schema, r.collection_name) INTO v_has_rows;
            IF v_has_rows THEN
                v_by_type := jsonb_set(v_by_type, '{births_unrecorded}', to_jsonb((v_by_type ->> 'births_unrecorded')::int + 1));
                IF public.fn_b3f1_log_collection_onboarding_gap(r.collection_name, 'births_unrecorded',
                       jsonb_build_object('run_id', v_run_id), 'birth_onboarding_full_scan') THEN
                    v_new := v_new + 1;
                    v_new_gaps := v_new_gaps || jsonb_build_object('collection', r.collection_name, 'gap_type', 'births_unrecorded');
                ELSE
                    v_open := v_open + 1;
                END IF;
            END IF;
        END IF;
    END LOOP;

    RETURN jsonb_build_object('status', 'complete', 'run_id', v_run_id, 'missing', '[]'::jsonb,
        'scanned', v_scanned, 'gaps_total', v_new + v_open, 'gaps_new', v_new, 'gaps_already_open', v_open,
        'gaps_by_type', v_by_type, 'new_gaps', v_new_gaps, 'started_at', v_started,
        'duration_ms', round(extract(epoch FROM clock_timestamp() - v_started) * 1000, 3));
END
$$;
COMMENT ON FUNCTION public.fn_birth_onboarding_full_scan(uuid) IS
    'Seed 000 full scan: validates dependencies (dependency_fail + missing), then checks every active collection_registry row (table exists, species mapped, B3-A birth trigger present and enabled, births recorded) and logs gaps via fn_b3f1_log_collection_onboarding_gap. Returns a JSONB summary. p_run_id lets a caller choose the run id (scan-service does, to name the running run); default: a new one. SECURITY DEFINER (V506): runs with its owner''s rights, so a caller needs no SELECT on the collection tables; EXECUTE only for signal_scan. V507: missing tables and functions are reported, not raised.';
