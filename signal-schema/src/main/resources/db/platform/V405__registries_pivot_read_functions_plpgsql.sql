-- Why: GET /node/{code} and /count/{pivot_code} each run one tiny index lookup (0.1-0.5 ms), but as
-- inlinable LANGUAGE sql functions over the V401/V402 views they are re-planned as a whole on every call:
-- 1-3 ms of planning per request on the benchmark machine, 5-20 times the execution, and the reactive
-- client sends unnamed statements, so nothing caches that plan. As PL/pgSQL the body's plan is prepared
-- once per connection (the service's pool keeps its connections) and becomes generic after a few calls;
-- the caller's own statement is a trivial function scan. Same signatures, columns, rows and grants
-- (CREATE OR REPLACE keeps the V403 EXECUTE grants); only the language changes.

CREATE OR REPLACE FUNCTION public.fn_registries_pivot_node_substrate(p_code text)
    RETURNS TABLE (
        code                   text,
        name                   text,
        entity_type            text,
        composition_level      text,
        parent_code            text,
        is_root                boolean,
        has_children           boolean,
        child_count            bigint,
        lifecycle              text,
        record_count           bigint,
        actual_count           bigint,
        count_source           text,
        pivot_code             text,
        pivot_backed           boolean,
        pivot_count            bigint,
        badge                  text,
        count_integrity_status text,
        gap                    bigint,
        refreshed_at           timestamptz,
        pivot_stale            boolean
    )
    LANGUAGE plpgsql
    STABLE
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT n.code, n.name, n.entity_type, n.composition_level, n.parent_code,
           t.is_root, t.has_children,
           (SELECT count(*) FROM public.v_registries_pivot_tree c WHERE c.parent_code = n.code),
           n.lifecycle, n.record_count, n.pivot_count, n.count_source, n.pivot_code, n.pivot_backed,
           n.pivot_count, n.badge, n.count_integrity_status, n.gap, n.refreshed_at, n.pivot_stale
    FROM public.v_registries_pivot_node n
    JOIN public.v_registries_pivot_tree t ON t.node_code = n.code
    WHERE n.code = p_code;
END;
$$;
COMMENT ON FUNCTION public.fn_registries_pivot_node_substrate(text) IS
    'Registries pivot: the substrate of one catalog node (metadata and counts only, never member rows): record_count, actual_count (= pivot_count, the measured count), pivot state, integrity status, children. Zero rows for an unknown code. PL/pgSQL so its plan is cached per connection (V405).';

CREATE OR REPLACE FUNCTION public.pivot_query(p_code text)
    RETURNS TABLE (
        code         text,
        name         text,
        source       text,
        value        bigint,
        pivot_backed boolean,
        badge        text,
        refreshed_at timestamptz,
        pivot_stale  boolean
    )
    LANGUAGE plpgsql
    STABLE
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT p_code, v.name, v.source, v.value, coalesce(v.pivot_backed, false),
           coalesce(v.badge, 'PIVOT_MISSING'), v.refreshed_at, coalesce(v.pivot_stale, false)
    FROM (SELECT 1) one
    LEFT JOIN public.v_pivot_values v ON v.code = p_code;
END;
$$;
COMMENT ON FUNCTION public.pivot_query(text) IS
    'Registries pivot: exactly one row {code, name, source, value, pivot_backed, badge, refreshed_at, pivot_stale} for any pivot code; value NULL and badge PIVOT_MISSING when the pivot is undefined or never refreshed; the stored value, never a recomputation. PL/pgSQL so its plan is cached per connection (V405).';
