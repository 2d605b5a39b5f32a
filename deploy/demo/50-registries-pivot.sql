-- Demo data for the registries pivot (seed 004), loaded by scripts/run after the services migrated.
-- Idempotent (re-run on every start) and skipped when the host-platform reference schema is switched off.
-- It shows every state the API makes explicit: a verified list, a drifted list, an unmeasured list, a list
-- whose pivot is missing, a stale pivot; then GET /api/registries-pivot/integrity?detail=drift.
DO $$
BEGIN
    IF to_regclass('public.meta_catalog') IS NULL THEN
        RAISE NOTICE 'registries pivot reference schema absent: demo skipped';
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM public.meta_catalog WHERE code = 'CAT-DEMO') THEN
        RETURN;
    END IF;

    INSERT INTO public.meta_catalog (code, name, entity_type, composition_level, parent_code, record_count, count_source, pivot_code)
    VALUES ('CAT-DEMO', 'Demo registry', 'registry', 'registry', NULL, NULL, 'unmeasured', NULL),
           ('CAT-DEMO-SPECIES', 'Species', 'species', 'group', 'CAT-DEMO', 1200, 'pivot', 'PIV-DEMO-SPECIES'),
           ('CAT-DEMO-AGENCY', 'Agencies', 'agency', 'group', 'CAT-DEMO', NULL, 'unmeasured', NULL),
           ('CAT-DEMO-SPECIES-BIRDS', 'Birds', 'species', 'list', 'CAT-DEMO-SPECIES', 500, 'pivot', 'PIV-DEMO-BIRDS'),
           ('CAT-DEMO-SPECIES-FISH', 'Fish', 'species', 'list', 'CAT-DEMO-SPECIES', 690, 'manual', 'PIV-DEMO-FISH'),
           ('CAT-DEMO-SPECIES-MOSS', 'Mosses', 'species', 'list', 'CAT-DEMO-SPECIES', NULL, 'unmeasured', 'PIV-DEMO-MOSS'),
           ('CAT-DEMO-AGENCY-PORTS', 'Port agencies', 'agency', 'list', 'CAT-DEMO-AGENCY', 40, 'manual', 'PIV-DEMO-PORTS'),
           ('CAT-DEMO-AGENCY-LABS', 'Laboratories', 'agency', 'list', 'CAT-DEMO-AGENCY', 25, 'pivot', 'PIV-DEMO-LABS');

    -- PIV-DEMO-PORTS is named by a list but never defined: PIVOT_MISSING.
    INSERT INTO public.pivot_definition (code, name, dimension, dim_value)
    VALUES ('PIV-DEMO-SPECIES', 'Births of species', 'entity_type', 'species'),
           ('PIV-DEMO-BIRDS', 'Births in Birds', 'list_code', 'CAT-DEMO-SPECIES-BIRDS'),
           ('PIV-DEMO-FISH', 'Births in Fish', 'list_code', 'CAT-DEMO-SPECIES-FISH'),
           ('PIV-DEMO-MOSS', 'Births in Mosses', 'list_code', 'CAT-DEMO-SPECIES-MOSS'),
           ('PIV-DEMO-LABS', 'Births in Laboratories', 'list_code', 'CAT-DEMO-AGENCY-LABS');

    INSERT INTO public.list_birth (list_code, entity_type)
    SELECT l.code, l.entity_type
    FROM (VALUES ('CAT-DEMO-SPECIES-BIRDS', 'species', 500),
                 ('CAT-DEMO-SPECIES-FISH', 'species', 700),
                 ('CAT-DEMO-SPECIES-MOSS', 'species', 80),
                 ('CAT-DEMO-AGENCY-LABS', 'agency', 25)) AS l (code, entity_type, births)
    CROSS JOIN LATERAL generate_series(1, l.births);

    PERFORM public.fn_refresh_pivot_results(NULL);
    -- The laboratories pivot was last computed three days ago: PIVOT_STALE, shown with its refreshed_at.
    UPDATE public.pivot_results SET refreshed_at = now() - interval '3 days' WHERE pivot_code = 'PIV-DEMO-LABS';
END
$$;
