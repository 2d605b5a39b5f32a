-- Why: seed 004 §A names three functions behind the node and count endpoints. They are plain SQL over the
-- views of V401 (invoker rights: a caller needs SELECT on those views, nothing on the tables), STABLE and
-- inlinable, and they state the failure states instead of guessing: an unknown node is zero rows (the API
-- answers 404 unknown_node), an undefined or never-refreshed pivot is one row with value NULL and badge
-- PIVOT_MISSING, a stale pivot is its stored value with refreshed_at and badge PIVOT_STALE.

CREATE OR REPLACE VIEW public.v_pivot_values AS
SELECT d.code,
       d.name,
       d.source_table || '.' || d.dimension || ' = ' || d.dim_value        AS source,
       r.value,
       (r.pivot_code IS NOT NULL)                                          AS pivot_backed,
       CASE
           WHEN r.pivot_code IS NULL THEN 'PIVOT_MISSING'
           WHEN r.refreshed_at < now() - d.max_age THEN 'PIVOT_STALE'
           ELSE 'PIVOT_OK'
       END                                                                 AS badge,
       r.refreshed_at,
       coalesce(r.refreshed_at < now() - d.max_age, false)                 AS pivot_stale,
       d.max_age
FROM public.pivot_definition d
LEFT JOIN public.pivot_results r ON r.pivot_code = d.code;
COMMENT ON VIEW public.v_pivot_values IS
    'Registries pivot: each defined pivot with its stored value, refreshed_at and badge (PIVOT_OK / PIVOT_STALE / PIVOT_MISSING when never refreshed).';

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
    LANGUAGE sql
    STABLE
AS $$
    SELECT n.code, n.name, n.entity_type, n.composition_level, n.parent_code,
           t.is_root, t.has_children,
           (SELECT count(*) FROM public.v_registries_pivot_tree c WHERE c.parent_code = n.code),
           n.lifecycle, n.record_count, n.pivot_count, n.count_source, n.pivot_code, n.pivot_backed,
           n.pivot_count, n.badge, n.count_integrity_status, n.gap, n.refreshed_at, n.pivot_stale
    FROM public.v_registries_pivot_node n
    JOIN public.v_registries_pivot_tree t ON t.node_code = n.code
    WHERE n.code = p_code;
$$;
COMMENT ON FUNCTION public.fn_registries_pivot_node_substrate(text) IS
    'Registries pivot: the substrate of one catalog node (metadata and counts only, never member rows): record_count, actual_count (= pivot_count, the measured count), pivot state, integrity status, children. Zero rows for an unknown code.';

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
    LANGUAGE sql
    STABLE
AS $$
    SELECT p_code, v.name, v.source, v.value, coalesce(v.pivot_backed, false),
           coalesce(v.badge, 'PIVOT_MISSING'), v.refreshed_at, coalesce(v.pivot_stale, false)
    FROM (SELECT 1) one
    LEFT JOIN public.v_pivot_values v ON v.code = p_code;
$$;
COMMENT ON FUNCTION public.pivot_query(text) IS
    'Registries pivot: exactly one row {code, name, source, value, pivot_backed, badge, refreshed_at, pivot_stale} for any pivot code; value NULL and badge PIVOT_MISSING when the pivot is undefined or never refreshed; the stored value, never a recomputation.';

CREATE OR REPLACE FUNCTION public.pivot_count(p_code text)
    RETURNS bigint
    LANGUAGE sql
    STABLE
AS $$
    SELECT v.value FROM public.v_pivot_values v WHERE v.code = p_code;
$$;
COMMENT ON FUNCTION public.pivot_count(text) IS
    'Registries pivot: the stored value of one pivot, NULL when it is undefined or never refreshed (PIVOT_MISSING).';
