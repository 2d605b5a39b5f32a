-- Why: seed 004 §A/§E - the registries pivot is exposed verbatim from PostgreSQL views, so every count, gap,
-- badge and integrity status is computed here, once, and the API only shapes rows into JSON ("a shaper, not a
-- calculator"). The views read meta_catalog and pivot_results (stored results), never the 985k births, so
-- they stay cheap to read; the explicit failure states (PIVOT_MISSING, PIVOT_STALE, unverified/unmeasured)
-- are columns, never silence.

-- One row per catalog node with its pivot state: the base of every other view.
CREATE OR REPLACE VIEW public.v_registries_pivot_node AS
SELECT m.code,
       m.name,
       m.entity_type,
       m.composition_level,
       m.parent_code,
       m.lifecycle,
       m.record_count,
       m.count_source,
       m.pivot_code,
       (r.pivot_code IS NOT NULL)                                         AS pivot_backed,
       r.value                                                            AS pivot_count,
       r.refreshed_at,
       coalesce(r.refreshed_at < now() - d.max_age, false)                AS pivot_stale,
       CASE
           WHEN r.pivot_code IS NULL THEN 'PIVOT_MISSING'
           WHEN r.refreshed_at < now() - d.max_age THEN 'PIVOT_STALE'
           ELSE 'PIVOT_OK'
       END                                                                AS badge,
       CASE
           WHEN m.count_source = 'unmeasured' OR m.record_count IS NULL OR r.pivot_code IS NULL THEN 'unverified'
           WHEN m.record_count = r.value THEN 'verified'
           ELSE 'drift'
       END                                                                AS count_integrity_status,
       CASE
           WHEN m.count_source = 'unmeasured' OR m.record_count IS NULL OR r.pivot_code IS NULL THEN NULL
           ELSE r.value - m.record_count
       END                                                                AS gap
FROM public.meta_catalog m
LEFT JOIN public.pivot_results r ON r.pivot_code = m.pivot_code
LEFT JOIN public.pivot_definition d ON d.code = r.pivot_code;
COMMENT ON VIEW public.v_registries_pivot_node IS
    'Registries pivot: every catalog node with its pivot value (pivot_count, NULL when missing), refreshed_at, badge (PIVOT_OK / PIVOT_STALE / PIVOT_MISSING), count_integrity_status (verified / drift / unverified) and gap = pivot_count - record_count (NULL when unverified).';

CREATE OR REPLACE VIEW public.v_living_lists AS
SELECT n.code, n.name, n.entity_type, n.composition_level,
       n.record_count AS list_count,
       n.count_source, n.pivot_code, n.pivot_backed, n.pivot_count, n.badge,
       n.count_integrity_status, n.refreshed_at
FROM public.v_registries_pivot_node n
WHERE n.composition_level = 'list' AND n.lifecycle = 'living';
COMMENT ON VIEW public.v_living_lists IS
    'Registries pivot: the living lists (leaves) with their recorded count (list_count, NULL when unmeasured), count_source, pivot state and integrity status. Source of GET /api/registries-pivot/lists.';

CREATE OR REPLACE VIEW public.v_count_integrity_leaf AS
SELECT n.code, n.name, n.entity_type,
       n.record_count,
       n.pivot_count AS actual_count,
       n.gap,
       n.count_source, n.pivot_code, n.pivot_backed, n.badge, n.count_integrity_status, n.refreshed_at
FROM public.v_registries_pivot_node n
WHERE n.composition_level = 'list' AND n.lifecycle = 'living';
COMMENT ON VIEW public.v_count_integrity_leaf IS
    'Registries pivot: count integrity per living list - record_count (catalog) against actual_count (pivot result), gap and status.';

CREATE OR REPLACE VIEW public.v_count_integrity AS
SELECT count(*)                                                        AS leaf_rows,
       coalesce(sum(n.record_count), 0)                                AS sum_record,
       coalesce(sum(n.pivot_count), 0)                                 AS sum_actual,
       coalesce(sum(n.gap), 0)                                         AS net_gap,
       count(*) FILTER (WHERE n.count_integrity_status = 'drift')      AS drift_rows,
       count(*) FILTER (WHERE n.count_integrity_status = 'unverified') AS unverified_rows,
       count(*) FILTER (WHERE n.pivot_backed)                          AS pivot_backed,
       count(*) FILTER (WHERE NOT n.pivot_backed)                      AS pivot_missing,
       count(*) FILTER (WHERE n.pivot_stale)                           AS pivot_stale,
       min(n.refreshed_at)                                             AS oldest_refreshed_at,
       CASE
           WHEN count(*) FILTER (WHERE n.count_integrity_status = 'drift') > 0 THEN 'drift'
           WHEN count(*) FILTER (WHERE n.count_integrity_status = 'unverified') > 0 THEN 'unverified'
           ELSE 'verified'
       END                                                             AS status
FROM public.v_registries_pivot_node n
WHERE n.composition_level = 'list' AND n.lifecycle = 'living';
COMMENT ON VIEW public.v_count_integrity IS
    'Registries pivot: one row, the integrity summary over the living lists {leaf_rows, sum_record, sum_actual, net_gap (sum of verified gaps), drift_rows, unverified_rows, pivot_backed, pivot_missing, pivot_stale, oldest_refreshed_at, status}. Source of GET /api/registries-pivot/integrity.';

CREATE OR REPLACE VIEW public.v_count_drift AS
SELECT n.code, n.name, n.entity_type,
       n.record_count, n.pivot_count AS actual_count, n.gap,
       CASE WHEN n.gap > 0 THEN 'under_recorded' ELSE 'over_recorded' END AS drift_side,
       CASE
           WHEN abs(n.gap) <= greatest(1, n.pivot_count / 100) THEN 'minor'
           ELSE 'major'
       END                                                                AS drift_classification,
       n.pivot_code, n.refreshed_at, n.badge
FROM public.v_registries_pivot_node n
WHERE n.composition_level = 'list' AND n.lifecycle = 'living' AND n.count_integrity_status = 'drift';
COMMENT ON VIEW public.v_count_drift IS
    'Registries pivot: the living lists whose recorded count differs from their pivot; drift_side under_recorded when the pivot counts more, drift_classification minor when |gap| <= max(1, 1% of the pivot). Source of ?detail=drift.';

CREATE OR REPLACE VIEW public.v_registries_pivot_tree AS
SELECT m.code AS node_code,
       m.parent_code,
       m.name,
       m.entity_type,
       m.composition_level,
       (m.parent_code IS NULL) AS is_root,
       EXISTS (SELECT 1 FROM public.meta_catalog c WHERE c.parent_code = m.code) AS has_children,
       m.lifecycle
FROM public.meta_catalog m;
COMMENT ON VIEW public.v_registries_pivot_tree IS
    'Registries pivot: the drill-down tree (node_code, parent_code, is_root, has_children). Source of GET /api/registries-pivot/tree.';

CREATE OR REPLACE VIEW public.v_registries_pivot_health AS
SELECT h.*,
       CASE
           WHEN h.pivot_definitions = 0 THEN 'empty'
           WHEN h.pivots_never_refreshed > 0 OR h.pivots_stale > 0 THEN 'degraded'
           ELSE 'ok'
       END AS status
FROM (
    SELECT (SELECT count(*) FROM public.meta_catalog)                            AS catalog_nodes,
           (SELECT count(*) FROM public.pivot_definition)                           AS pivot_definitions,
           (SELECT count(*) FROM public.pivot_results)                              AS pivot_results,
           (SELECT count(*) FROM public.pivot_definition d
             WHERE NOT EXISTS (SELECT 1 FROM public.pivot_results r WHERE r.pivot_code = d.code)) AS pivots_never_refreshed,
           (SELECT count(*) FROM public.pivot_results r
              JOIN public.pivot_definition d ON d.code = r.pivot_code
             WHERE r.refreshed_at < now() - d.max_age)                              AS pivots_stale,
           (SELECT min(refreshed_at) FROM public.pivot_results)                     AS oldest_refreshed_at,
           (SELECT max(refreshed_at) FROM public.pivot_results)                     AS newest_refreshed_at
) h;
COMMENT ON VIEW public.v_registries_pivot_health IS
    'Registries pivot: one row about the pivot machinery itself (catalog size, pivots defined / refreshed / never refreshed / stale, refresh window) and status: empty (no pivot defined), degraded (a pivot never refreshed or stale), ok. Source of GET /api/registries-pivot/health.';
