-- Why: seed 004 §D / SPEC §6 - the exposure service reads the registries pivot through a read-only role:
-- SELECT on the views and EXECUTE on the read functions, nothing on the tables and no way to refresh or write.
-- Functions are executable by PUBLIC by default, so that default is revoked first.

REVOKE ALL ON FUNCTION public.fn_registries_pivot_node_substrate(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.pivot_query(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.pivot_count(text) FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO signal_exposure;
GRANT SELECT ON public.v_registries_pivot_node, public.v_living_lists, public.v_count_integrity_leaf,
    public.v_count_integrity, public.v_count_drift, public.v_registries_pivot_tree,
    public.v_registries_pivot_health, public.v_pivot_values TO signal_exposure;
GRANT EXECUTE ON FUNCTION public.fn_registries_pivot_node_substrate(text), public.pivot_query(text),
    public.pivot_count(text) TO signal_exposure;
