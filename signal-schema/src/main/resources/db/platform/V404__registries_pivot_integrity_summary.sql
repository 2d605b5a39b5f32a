-- Why: seed 004 §F says the pivot views are cheap reads of meta_catalog/pivot_results, but
-- v_count_integrity and v_registries_pivot_health aggregated the whole catalog on every call (about
-- 0.3 s at 100,000 lists, 0.4-2.7 s under load). This migration keeps those aggregates in two small tables
-- that every write to the catalog, the pivot definitions or the pivot results brings up to date in the
-- same transaction (statement-level triggers with transition tables, O(rows changed)), so the API keeps
-- reading one row.
--
-- What "correct" means here (seed 004): the integrity summary compares the catalog's recorded counts, as
-- they are now, with the stored pivot results, as last refreshed - it never recomputes a pivot. So a
-- record_count typed in between two refreshes, a new list, or a retired list shows at once (and agrees
-- with v_count_drift, which reads live); a pivot's value only changes when public.fn_refresh_pivot_results
-- (or any other writer of pivot_results) writes it, and that write updates the summary in its own
-- transaction. Staleness depends on the clock, so it is not stored: the results are kept grouped by
-- (refreshed_at, max_age) - one group per refresh run and max_age - and the views count the stale groups
-- against now() when read, exactly as the per-node views do.
--
-- Concurrency: every maintaining trigger first locks the one summary row and only then reads the other
-- tables (a fresh snapshot under READ COMMITTED), so two concurrent writers never compute their deltas
-- from the same old state; under REPEATABLE READ / SERIALIZABLE the second writer gets a serialization
-- failure and retries. Writers of the catalog therefore queue behind each other until commit.
-- Rare, structural changes (a pivot definition updated or deleted, any TRUNCATE) rebuild the summary
-- from scratch with public.fn_pivot_summary_rebuild().

CREATE TABLE IF NOT EXISTS public.pivot_integrity_summary (
    id                boolean     NOT NULL DEFAULT true,
    leaf_rows         bigint      NOT NULL DEFAULT 0,
    sum_record        numeric     NOT NULL DEFAULT 0,
    sum_actual        numeric     NOT NULL DEFAULT 0,
    net_gap           numeric     NOT NULL DEFAULT 0,
    drift_rows        bigint      NOT NULL DEFAULT 0,
    unverified_rows   bigint      NOT NULL DEFAULT 0,
    pivot_backed      bigint      NOT NULL DEFAULT 0,
    pivot_missing     bigint      NOT NULL DEFAULT 0,
    catalog_nodes     bigint      NOT NULL DEFAULT 0,
    pivot_definitions bigint      NOT NULL DEFAULT 0,
    pivot_results     bigint      NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_pivot_integrity_summary PRIMARY KEY (id),
    CONSTRAINT ck_pivot_integrity_summary_one_row CHECK (id)
);
COMMENT ON TABLE public.pivot_integrity_summary IS
    'Registries pivot: the one-row aggregate behind v_count_integrity and v_registries_pivot_health over the living lists (leaf_rows, sums, net_gap, drift/unverified/backed/missing rows) and the machinery (catalog_nodes, pivot_definitions, pivot_results). Kept current by statement triggers on meta_catalog, pivot_definition and pivot_results in the writing transaction; never written by the API. Rebuild with public.fn_pivot_summary_rebuild().';

CREATE TABLE IF NOT EXISTS public.pivot_integrity_refresh_group (
    refreshed_at timestamptz NOT NULL,
    max_age      interval    NOT NULL,
    result_rows  bigint      NOT NULL DEFAULT 0,
    leaf_rows    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT pk_pivot_integrity_refresh_group PRIMARY KEY (refreshed_at, max_age)
);
COMMENT ON TABLE public.pivot_integrity_refresh_group IS
    'Registries pivot: pivot results grouped by (refreshed_at, max_age) - one group per refresh run and max_age - with how many results (result_rows) and living lists backed by them (leaf_rows) each holds. The views count stale groups against now() at read time, so staleness is never stored. Empty groups are deleted; a negative count is a bug and fails the writing statement (public.fn_pivot_summary_tidy).';

-- Deltas pass through negative values inside one statement (a CHECK would fire on the proposed row of
-- INSERT ... ON CONFLICT), so the invariant is checked once the statement's deltas are applied.
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_tidy()
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    DELETE FROM public.pivot_integrity_refresh_group WHERE result_rows = 0 AND leaf_rows = 0;
    IF EXISTS (SELECT 1 FROM public.pivot_integrity_refresh_group WHERE result_rows < 0 OR leaf_rows < 0) THEN
        RAISE EXCEPTION 'pivot_integrity_refresh_group has a negative count: the summary is out of step, which indicates a bug'
            USING HINT = 'SELECT public.fn_pivot_summary_rebuild() recomputes it.';
    END IF;
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_tidy() IS
    'Registries pivot (internal): deletes empty refresh groups and fails loudly when a group count went negative.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_tidy() FROM PUBLIC;

-- One row of contribution per living list, with the pivot result it is joined to (or none).
CREATE TYPE public.pivot_leaf_delta AS (
    sign         integer,
    record_count bigint,
    count_source text,
    has_result   boolean,
    value        bigint,
    refreshed_at timestamptz,
    max_age      interval
);
COMMENT ON TYPE public.pivot_leaf_delta IS
    'Registries pivot: one living list''s contribution to pivot_integrity_summary (sign +1 added, -1 removed) with its pivot result, if any.';

-- The per-leaf rules are the ones of v_registries_pivot_node: unverified when unmeasured, without a
-- recorded count or without a result; drift when recorded and measured counts differ; gap only when verified.
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_apply_leaves(p_leaves public.pivot_leaf_delta[])
    RETURNS void
    LANGUAGE sql
    SET search_path = pg_catalog
AS $$
    WITH l AS (
        SELECT x.*,
               NOT (x.count_source = 'unmeasured' OR x.record_count IS NULL OR NOT x.has_result) AS measured
        FROM unnest(p_leaves) x
    ), totals AS (
        SELECT coalesce(sum(l.sign), 0)                                                     AS leaf_rows,
               coalesce(sum(l.sign * coalesce(l.record_count, 0)), 0)                       AS sum_record,
               coalesce(sum(l.sign * coalesce(l.value, 0)), 0)                              AS sum_actual,
               coalesce(sum(l.sign * (l.value - l.record_count)) FILTER (WHERE l.measured), 0) AS net_gap,
               coalesce(sum(l.sign) FILTER (WHERE l.measured AND l.value <> l.record_count), 0) AS drift_rows,
               coalesce(sum(l.sign) FILTER (WHERE NOT l.measured), 0)                        AS unverified_rows,
               coalesce(sum(l.sign) FILTER (WHERE l.has_result), 0)                          AS pivot_backed,
               coalesce(sum(l.sign) FILTER (WHERE NOT l.has_result), 0)                      AS pivot_missing
        FROM l
    ), summary AS (
        UPDATE public.pivot_integrity_summary s
        SET leaf_rows       = s.leaf_rows + t.leaf_rows,
            sum_record      = s.sum_record + t.sum_record,
            sum_actual      = s.sum_actual + t.sum_actual,
            net_gap         = s.net_gap + t.net_gap,
            drift_rows      = s.drift_rows + t.drift_rows,
            unverified_rows = s.unverified_rows + t.unverified_rows,
            pivot_backed    = s.pivot_backed + t.pivot_backed,
            pivot_missing   = s.pivot_missing + t.pivot_missing,
            updated_at      = now()
        FROM totals t
        WHERE s.id
        RETURNING 1
    )
    INSERT INTO public.pivot_integrity_refresh_group AS g (refreshed_at, max_age, leaf_rows)
    SELECT l.refreshed_at, l.max_age, sum(l.sign)
    FROM l
    WHERE l.has_result
    GROUP BY l.refreshed_at, l.max_age
    HAVING sum(l.sign) <> 0
    ON CONFLICT (refreshed_at, max_age) DO UPDATE SET leaf_rows = g.leaf_rows + excluded.leaf_rows;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_apply_leaves(public.pivot_leaf_delta[]) IS
    'Registries pivot (internal): adds the signed contributions of living lists to pivot_integrity_summary and pivot_integrity_refresh_group. Called by the maintaining triggers with the summary row locked.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_apply_leaves(public.pivot_leaf_delta[]) FROM PUBLIC;

-- Adds signed pivot results (health figures) to the summary and their groups; drops emptied groups.
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_apply_results(
    p_sign integer, p_refreshed_at timestamptz[], p_max_age interval[])
    RETURNS void
    LANGUAGE sql
    SET search_path = pg_catalog
AS $$
    WITH r AS (
        SELECT x.refreshed_at, x.max_age FROM unnest(p_refreshed_at, p_max_age) AS x (refreshed_at, max_age)
    ), summary AS (
        UPDATE public.pivot_integrity_summary s
        SET pivot_results = s.pivot_results + p_sign * (SELECT count(*) FROM r), updated_at = now()
        WHERE s.id
        RETURNING 1
    )
    INSERT INTO public.pivot_integrity_refresh_group AS g (refreshed_at, max_age, result_rows)
    SELECT r.refreshed_at, r.max_age, p_sign * count(*)
    FROM r
    GROUP BY r.refreshed_at, r.max_age
    ON CONFLICT (refreshed_at, max_age) DO UPDATE SET result_rows = g.result_rows + excluded.result_rows;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_apply_results(integer, timestamptz[], interval[]) IS
    'Registries pivot (internal): adds (+1) or removes (-1) pivot results, given by refreshed_at and their definition''s max_age, to pivot_integrity_summary and pivot_integrity_refresh_group.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_apply_results(integer, timestamptz[], interval[]) FROM PUBLIC;

CREATE OR REPLACE FUNCTION public.fn_pivot_summary_rebuild()
    RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    INSERT INTO public.pivot_integrity_summary (id) VALUES (true) ON CONFLICT (id) DO NOTHING;
    PERFORM 1 FROM public.pivot_integrity_summary WHERE id FOR UPDATE;
    UPDATE public.pivot_integrity_summary
    SET leaf_rows = 0, sum_record = 0, sum_actual = 0, net_gap = 0, drift_rows = 0, unverified_rows = 0,
        pivot_backed = 0, pivot_missing = 0,
        catalog_nodes = (SELECT count(*) FROM public.meta_catalog),
        pivot_definitions = (SELECT count(*) FROM public.pivot_definition),
        pivot_results = 0,
        updated_at = now()
    WHERE id;
    DELETE FROM public.pivot_integrity_refresh_group;
    PERFORM public.fn_pivot_summary_apply_results(1, array_agg(r.refreshed_at), array_agg(d.max_age))
    FROM public.pivot_results r
    JOIN public.pivot_definition d ON d.code = r.pivot_code;
    PERFORM public.fn_pivot_summary_apply_leaves(array_agg(
        ROW(1, m.record_count, m.count_source, r.pivot_code IS NOT NULL, r.value, r.refreshed_at, d.max_age)
            ::public.pivot_leaf_delta))
    FROM public.meta_catalog m
    LEFT JOIN public.pivot_results r ON r.pivot_code = m.pivot_code
    LEFT JOIN public.pivot_definition d ON d.code = r.pivot_code
    WHERE m.composition_level = 'list' AND m.lifecycle = 'living';
    PERFORM public.fn_pivot_summary_tidy();
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_rebuild() IS
    'Registries pivot: recomputes pivot_integrity_summary and pivot_integrity_refresh_group from meta_catalog, pivot_definition and pivot_results (about 0.3 s at 100,000 lists). Run by the triggers on rare structural changes and by operators after restoring the tables; never by the read API.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_rebuild() FROM PUBLIC;

-- meta_catalog: each changed node leaves the summary with its old row and enters with its new one,
-- joined to the pivot results as they are now (pivot_results did not change in this statement).
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_on_catalog()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_leaves public.pivot_leaf_delta[];
    v_nodes  bigint;
BEGIN
    PERFORM 1 FROM public.pivot_integrity_summary WHERE id FOR UPDATE;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) FROM new_rows INTO v_nodes;
        SELECT array_agg(ROW(1, m.record_count, m.count_source, r.pivot_code IS NOT NULL, r.value,
                             r.refreshed_at, d.max_age)::public.pivot_leaf_delta)
        INTO v_leaves
        FROM new_rows m
        LEFT JOIN public.pivot_results r ON r.pivot_code = m.pivot_code
        LEFT JOIN public.pivot_definition d ON d.code = r.pivot_code
        WHERE m.composition_level = 'list' AND m.lifecycle = 'living';
    ELSIF TG_OP = 'DELETE' THEN
        SELECT -count(*) FROM old_rows INTO v_nodes;
        SELECT array_agg(ROW(-1, m.record_count, m.count_source, r.pivot_code IS NOT NULL, r.value,
                             r.refreshed_at, d.max_age)::public.pivot_leaf_delta)
        INTO v_leaves
        FROM old_rows m
        LEFT JOIN public.pivot_results r ON r.pivot_code = m.pivot_code
        LEFT JOIN public.pivot_definition d ON d.code = r.pivot_code
        WHERE m.composition_level = 'list' AND m.lifecycle = 'living';
    ELSE
        v_nodes := 0;
        SELECT array_agg(ROW(c.sign, c.record_count, c.count_source, r.pivot_code IS NOT NULL, r.value,
                             r.refreshed_at, d.max_age)::public.pivot_leaf_delta)
        INTO v_leaves
        FROM (SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n) c
        LEFT JOIN public.pivot_results r ON r.pivot_code = c.pivot_code
        LEFT JOIN public.pivot_definition d ON d.code = r.pivot_code
        WHERE c.composition_level = 'list' AND c.lifecycle = 'living';
    END IF;
    UPDATE public.pivot_integrity_summary SET catalog_nodes = catalog_nodes + v_nodes WHERE id AND v_nodes <> 0;
    IF v_leaves IS NOT NULL THEN
        PERFORM public.fn_pivot_summary_apply_leaves(v_leaves);
        PERFORM public.fn_pivot_summary_tidy();
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_on_catalog() IS
    'Registries pivot (trigger): keeps pivot_integrity_summary current when meta_catalog rows are inserted, updated or deleted.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_on_catalog() FROM PUBLIC;

-- pivot_results: the living lists measured by a changed pivot leave the summary with the old result (or
-- none) and enter with the new one (or none). A result whose definition is already gone is being deleted
-- by the definition's cascade; the definition trigger rebuilds the summary after it.
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_on_results()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_leaves public.pivot_leaf_delta[];
BEGIN
    PERFORM 1 FROM public.pivot_integrity_summary WHERE id FOR UPDATE;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM public.fn_pivot_summary_apply_results(-1, array_agg(o.refreshed_at), array_agg(d.max_age))
        FROM old_rows o JOIN public.pivot_definition d ON d.code = o.pivot_code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.fn_pivot_summary_apply_results(1, array_agg(n.refreshed_at), array_agg(d.max_age))
        FROM new_rows n JOIN public.pivot_definition d ON d.code = n.pivot_code;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(x.delta) INTO v_leaves FROM (
            SELECT ROW(-1, m.record_count, m.count_source, false, NULL, NULL, NULL)::public.pivot_leaf_delta
            FROM new_rows n JOIN public.meta_catalog m ON m.pivot_code = n.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living'
            UNION ALL
            SELECT ROW(1, m.record_count, m.count_source, true, n.value, n.refreshed_at, d.max_age)::public.pivot_leaf_delta
            FROM new_rows n JOIN public.pivot_definition d ON d.code = n.pivot_code
            JOIN public.meta_catalog m ON m.pivot_code = n.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living') x (delta);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(x.delta) INTO v_leaves FROM (
            SELECT ROW(-1, m.record_count, m.count_source, true, o.value, o.refreshed_at, d.max_age)::public.pivot_leaf_delta
            FROM old_rows o JOIN public.pivot_definition d ON d.code = o.pivot_code
            JOIN public.meta_catalog m ON m.pivot_code = o.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living'
            UNION ALL
            SELECT ROW(1, m.record_count, m.count_source, false, NULL, NULL, NULL)::public.pivot_leaf_delta
            FROM old_rows o JOIN public.pivot_definition d ON d.code = o.pivot_code
            JOIN public.meta_catalog m ON m.pivot_code = o.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living') x (delta);
    ELSE
        SELECT array_agg(x.delta) INTO v_leaves FROM (
            SELECT ROW(-1, m.record_count, m.count_source, true, o.value, o.refreshed_at, d.max_age)::public.pivot_leaf_delta
            FROM old_rows o JOIN public.pivot_definition d ON d.code = o.pivot_code
            JOIN public.meta_catalog m ON m.pivot_code = o.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living'
            UNION ALL
            SELECT ROW(1, m.record_count, m.count_source, true, n.value, n.refreshed_at, d.max_age)::public.pivot_leaf_delta
            FROM new_rows n JOIN public.pivot_definition d ON d.code = n.pivot_code
            JOIN public.meta_catalog m ON m.pivot_code = n.pivot_code
            WHERE m.composition_level = 'list' AND m.lifecycle = 'living') x (delta);
    END IF;
    IF v_leaves IS NOT NULL THEN
        PERFORM public.fn_pivot_summary_apply_leaves(v_leaves);
    END IF;
    PERFORM public.fn_pivot_summary_tidy();
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_on_results() IS
    'Registries pivot (trigger): keeps pivot_integrity_summary and pivot_integrity_refresh_group current when pivot results are written (public.fn_refresh_pivot_results or any other writer).';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_on_results() FROM PUBLIC;

-- pivot_definition: a new definition has no result yet (only the count moves); an update (max_age moves
-- results between groups) or a delete (cascades to results) is rare and rebuilds the summary.
CREATE OR REPLACE FUNCTION public.fn_pivot_summary_on_definitions()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM public.pivot_integrity_summary WHERE id FOR UPDATE;
        UPDATE public.pivot_integrity_summary
        SET pivot_definitions = pivot_definitions + (SELECT count(*) FROM new_rows), updated_at = now()
        WHERE id;
    ELSE
        PERFORM public.fn_pivot_summary_rebuild();
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_on_definitions() IS
    'Registries pivot (trigger): counts new pivot definitions; rebuilds pivot_integrity_summary after a definition is updated or deleted.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_on_definitions() FROM PUBLIC;

CREATE OR REPLACE FUNCTION public.fn_pivot_summary_on_truncate()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM public.fn_pivot_summary_rebuild();
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION public.fn_pivot_summary_on_truncate() IS
    'Registries pivot (trigger): rebuilds pivot_integrity_summary after a TRUNCATE of a table it summarises.';
REVOKE ALL ON FUNCTION public.fn_pivot_summary_on_truncate() FROM PUBLIC;

CREATE TRIGGER tg_meta_catalog_summary_insert AFTER INSERT ON public.meta_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_catalog();
CREATE TRIGGER tg_meta_catalog_summary_update AFTER UPDATE ON public.meta_catalog
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_catalog();
CREATE TRIGGER tg_meta_catalog_summary_delete AFTER DELETE ON public.meta_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_catalog();
CREATE TRIGGER tg_meta_catalog_summary_truncate AFTER TRUNCATE ON public.meta_catalog
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_truncate();

CREATE TRIGGER tg_pivot_results_summary_insert AFTER INSERT ON public.pivot_results
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_results();
CREATE TRIGGER tg_pivot_results_summary_update AFTER UPDATE ON public.pivot_results
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_results();
CREATE TRIGGER tg_pivot_results_summary_delete AFTER DELETE ON public.pivot_results
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_results();
CREATE TRIGGER tg_pivot_results_summary_truncate AFTER TRUNCATE ON public.pivot_results
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_truncate();

CREATE TRIGGER tg_pivot_definition_summary_insert AFTER INSERT ON public.pivot_definition
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_definitions();
CREATE TRIGGER tg_pivot_definition_summary_update AFTER UPDATE ON public.pivot_definition
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_definitions();
CREATE TRIGGER tg_pivot_definition_summary_delete AFTER DELETE ON public.pivot_definition
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_definitions();
CREATE TRIGGER tg_pivot_definition_summary_truncate AFTER TRUNCATE ON public.pivot_definition
    FOR EACH STATEMENT EXECUTE FUNCTION public.fn_pivot_summary_on_truncate();

SELECT public.fn_pivot_summary_rebuild();

-- Same columns, types and meaning as in V401; now one row plus the (few) refresh groups.
CREATE OR REPLACE VIEW public.v_count_integrity AS
SELECT s.leaf_rows,
       s.sum_record,
       s.sum_actual,
       s.net_gap,
       s.drift_rows,
       s.unverified_rows,
       s.pivot_backed,
       s.pivot_missing,
       (SELECT coalesce(sum(g.leaf_rows), 0)::bigint FROM public.pivot_integrity_refresh_group g
         WHERE g.leaf_rows > 0 AND g.refreshed_at < now() - g.max_age)       AS pivot_stale,
       (SELECT min(g.refreshed_at) FROM public.pivot_integrity_refresh_group g
         WHERE g.leaf_rows > 0)                                              AS oldest_refreshed_at,
       CASE
           WHEN s.drift_rows > 0 THEN 'drift'
           WHEN s.unverified_rows > 0 THEN 'unverified'
           ELSE 'verified'
       END                                                                   AS status
FROM public.pivot_integrity_summary s
WHERE s.id;
COMMENT ON VIEW public.v_count_integrity IS
    'Registries pivot: one row, the integrity summary over the living lists {leaf_rows, sum_record, sum_actual, net_gap (sum of verified gaps), drift_rows, unverified_rows, pivot_backed, pivot_missing, pivot_stale, oldest_refreshed_at, status}, read from pivot_integrity_summary (current with the catalog and the stored pivot results; staleness counted against now()). Source of GET /api/registries-pivot/integrity.';

CREATE OR REPLACE VIEW public.v_registries_pivot_health AS
SELECT h.*,
       CASE
           WHEN h.pivot_definitions = 0 THEN 'empty'
           WHEN h.pivots_never_refreshed > 0 OR h.pivots_stale > 0 THEN 'degraded'
           ELSE 'ok'
       END AS status
FROM (
    SELECT s.catalog_nodes,
           s.pivot_definitions,
           s.pivot_results,
           s.pivot_definitions - s.pivot_results                                   AS pivots_never_refreshed,
           (SELECT coalesce(sum(g.result_rows), 0)::bigint FROM public.pivot_integrity_refresh_group g
             WHERE g.result_rows > 0 AND g.refreshed_at < now() - g.max_age)       AS pivots_stale,
           (SELECT min(g.refreshed_at) FROM public.pivot_integrity_refresh_group g
             WHERE g.result_rows > 0)                                              AS oldest_refreshed_at,
           (SELECT max(g.refreshed_at) FROM public.pivot_integrity_refresh_group g
             WHERE g.result_rows > 0)                                              AS newest_refreshed_at
    FROM public.pivot_integrity_summary s
    WHERE s.id
) h;
COMMENT ON VIEW public.v_registries_pivot_health IS
    'Registries pivot: one row about the pivot machinery itself (catalog size, pivots defined / refreshed / never refreshed / stale, refresh window) and status: empty (no pivot defined), degraded (a pivot never refreshed or stale), ok; read from pivot_integrity_summary and its refresh groups. Source of GET /api/registries-pivot/health.';
