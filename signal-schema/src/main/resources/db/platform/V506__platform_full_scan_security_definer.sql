-- Why: public.fn_birth_onboarding_full_scan (V503) ran with its caller's rights, and its births_unrecorded check
-- reads every collection table (EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)')). signal_scan (V504) may read
-- the registries but not the platform's collection tables, so under its own role the scan failed (permission
-- denied -> HTTP 500). The scan now runs with its owner's rights (the role that applies migrations, which must be
-- able to read the collection tables), only signal_scan may call it, and its search_path ends with pg_temp so no
-- temporary object can shadow a name. Every name in it is schema-qualified and the table names it builds come from
-- collection_registry quoted with %I, so a caller chooses nothing but the run id.
-- The helper public.fn_b3f1_log_collection_onboarding_gap and the trigger functions (V500, V501) stay SECURITY
-- INVOKER on purpose: they write only what their caller may write (system_issues, birth_registry); the scan reaches
-- the helper with the owner's rights anyway; widening them would let any role open issues or births as the owner.
-- A later CREATE OR REPLACE of the scan function resets it to SECURITY INVOKER: repeat this there.

ALTER FUNCTION public.fn_birth_onboarding_full_scan(uuid) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION public.fn_birth_onboarding_full_scan(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_birth_onboarding_full_scan(uuid) TO signal_scan;

COMMENT ON FUNCTION public.fn_birth_onboarding_full_scan(uuid) IS
    'Seed 000 full scan: validates dependencies (dependency_fail + missing), then checks every active collection_registry row (table exists, species mapped, B3-A birth trigger present and enabled, births recorded) and logs gaps via fn_b3f1_log_collection_onboarding_gap. Returns a JSONB summary. p_run_id lets a caller choose the run id (scan-service does, to name the running run); default: a new one. SECURITY DEFINER (V506): runs with its owner''s rights, so a caller needs no SELECT on the collection tables; EXECUTE only for signal_scan.';
