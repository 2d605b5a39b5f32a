-- Why: least privilege for scan-service (role signal_scan, db/signal V5): it reads policy, registrations and the
-- catalog-facing tables, runs the scan function (which writes gap issues), and writes run summaries.
-- It never creates tables or columns. signal.emit is granted in db/signal V7.

GRANT USAGE ON SCHEMA public TO signal_scan;
GRANT SELECT ON public.dot_config, public.dot_tools, public.collection_registry, public.collection_species_map,
    public.species TO signal_scan;
GRANT SELECT, INSERT ON public.system_issues TO signal_scan;
GRANT SELECT ON public.birth_registry TO signal_scan;
GRANT EXECUTE ON FUNCTION public.fn_birth_onboarding_full_scan(uuid) TO signal_scan;
GRANT EXECUTE ON FUNCTION public.fn_b3f1_log_collection_onboarding_gap(text, text, jsonb, text) TO signal_scan;
