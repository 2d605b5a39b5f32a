-- Why: seed 004 (registries pivot) reads counts from the host platform's catalog of registries and lists,
-- from pivot definitions and from their stored results. This reference ships those tables so the exposure
-- API can run, be tested and be demonstrated without the live platform (SPEC §8). Like all of db/platform it
-- is optional: a deployment onto the platform database leaves this location out and keeps the live objects.
-- Codes follow one strict shape (CAT-... for catalog nodes, PIV-... for pivots): the API validates codes
-- against the same patterns before any SQL runs, and the CHECKs keep the data inside that allow-list.

CREATE TABLE IF NOT EXISTS public.meta_catalog (
    code              text        NOT NULL,
    name              text        NOT NULL,
    entity_type       text        NOT NULL,
    composition_level text        NOT NULL,
    parent_code       text,
    lifecycle         text        NOT NULL DEFAULT 'living',
    record_count      bigint,
    count_source      text        NOT NULL DEFAULT 'unmeasured',
    pivot_code        text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_meta_catalog PRIMARY KEY (code),
    CONSTRAINT fk_meta_catalog_parent FOREIGN KEY (parent_code) REFERENCES public.meta_catalog (code),
    CONSTRAINT ck_meta_catalog_code CHECK (code ~ '^CAT-[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 64),
    CONSTRAINT ck_meta_catalog_pivot_code
        CHECK (pivot_code IS NULL OR (pivot_code ~ '^PIV-[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(pivot_code) <= 64)),
    CONSTRAINT ck_meta_catalog_entity_type CHECK (entity_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT ck_meta_catalog_level CHECK (composition_level IN ('registry', 'group', 'list')),
    CONSTRAINT ck_meta_catalog_root CHECK ((composition_level = 'registry') = (parent_code IS NULL)),
    CONSTRAINT ck_meta_catalog_lifecycle CHECK (lifecycle IN ('living', 'retired')),
    CONSTRAINT ck_meta_catalog_count_source CHECK (count_source IN ('pivot', 'manual', 'unmeasured')),
    CONSTRAINT ck_meta_catalog_record_count CHECK (record_count IS NULL OR record_count >= 0),
    CONSTRAINT ck_meta_catalog_unmeasured CHECK (count_source <> 'unmeasured' OR record_count IS NULL)
);
CREATE INDEX IF NOT EXISTS ix_meta_catalog_parent ON public.meta_catalog (parent_code, code);
CREATE INDEX IF NOT EXISTS ix_meta_catalog_pivot ON public.meta_catalog (pivot_code);
COMMENT ON TABLE public.meta_catalog IS
    'Host platform (reference): registries, groups and lists (leaves) with the count each claims (record_count) and the pivot that measures it. pivot_code has no foreign key on purpose: a node may name a pivot that is not defined (yet) - the PIVOT_MISSING state.';
COMMENT ON COLUMN public.meta_catalog.record_count IS 'The count the catalog records for this node; NULL when unmeasured.';
COMMENT ON COLUMN public.meta_catalog.count_source IS 'Where record_count came from: pivot (copied from a pivot), manual (typed in), unmeasured (nobody counted).';

CREATE TABLE IF NOT EXISTS public.pivot_definition (
    code         text        NOT NULL,
    name         text        NOT NULL,
    source_table text        NOT NULL DEFAULT 'list_birth',
    dimension    text        NOT NULL,
    dim_value    text        NOT NULL,
    max_age      interval    NOT NULL DEFAULT interval '24 hours',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_pivot_definition PRIMARY KEY (code),
    CONSTRAINT ck_pivot_definition_code CHECK (code ~ '^PIV-[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 64),
    CONSTRAINT ck_pivot_definition_source CHECK (source_table IN ('list_birth')),
    CONSTRAINT ck_pivot_definition_dimension CHECK (dimension IN ('list_code', 'entity_type')),
    CONSTRAINT ck_pivot_definition_max_age CHECK (max_age > interval '0')
);
COMMENT ON TABLE public.pivot_definition IS
    'Host platform (reference): a pivot = count of source_table rows whose dimension equals dim_value. Results are computed in PostgreSQL by public.fn_refresh_pivot_results and are stale after max_age.';

CREATE TABLE IF NOT EXISTS public.pivot_results (
    pivot_code   text        NOT NULL,
    value        bigint      NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_pivot_results PRIMARY KEY (pivot_code),
    CONSTRAINT fk_pivot_results_definition FOREIGN KEY (pivot_code)
        REFERENCES public.pivot_definition (code) ON DELETE CASCADE,
    CONSTRAINT ck_pivot_results_value CHECK (value >= 0)
);
COMMENT ON TABLE public.pivot_results IS
    'Host platform (reference): the last computed value of each pivot and when it was computed. Readers show refreshed_at; they never recompute.';

CREATE TABLE IF NOT EXISTS public.list_birth (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    list_code   text        NOT NULL,
    entity_type text        NOT NULL,
    entity_ref  uuid        NOT NULL DEFAULT gen_random_uuid(),
    born_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_list_birth PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_list_birth_list ON public.list_birth (list_code);
CREATE INDEX IF NOT EXISTS ix_list_birth_entity_type ON public.list_birth (entity_type);
COMMENT ON TABLE public.list_birth IS
    'Host platform (reference): one row per entity born into a catalog list (about 985k on the live platform), the rows the pivots count; no endpoint returns them. Kept apart from public.birth_registry (seed 000 onboarding reference) so each reference part stands alone; on the live platform a pivot counts the platform''s own births table.';

CREATE OR REPLACE FUNCTION public.fn_refresh_pivot_results(p_codes text[] DEFAULT NULL)
    RETURNS integer
    LANGUAGE sql
AS $$
    WITH wanted AS (
        SELECT d.code, d.dimension, d.dim_value
        FROM public.pivot_definition d
        WHERE p_codes IS NULL OR d.code = ANY (p_codes)
    ), by_list AS (
        SELECT b.list_code AS dim_value, count(*) AS value
        FROM public.list_birth b
        WHERE EXISTS (SELECT 1 FROM wanted w WHERE w.dimension = 'list_code' AND w.dim_value = b.list_code)
        GROUP BY b.list_code
    ), by_type AS (
        SELECT b.entity_type AS dim_value, count(*) AS value
        FROM public.list_birth b
        WHERE EXISTS (SELECT 1 FROM wanted w WHERE w.dimension = 'entity_type' AND w.dim_value = b.entity_type)
        GROUP BY b.entity_type
    ), computed AS (
        SELECT w.code,
               coalesce(CASE w.dimension WHEN 'list_code' THEN l.value ELSE t.value END, 0) AS value
        FROM wanted w
        LEFT JOIN by_list l ON w.dimension = 'list_code' AND l.dim_value = w.dim_value
        LEFT JOIN by_type t ON w.dimension = 'entity_type' AND t.dim_value = w.dim_value
    ), upserted AS (
        INSERT INTO public.pivot_results AS r (pivot_code, value, refreshed_at)
        SELECT c.code, c.value, now() FROM computed c
        ON CONFLICT (pivot_code) DO UPDATE SET value = excluded.value, refreshed_at = excluded.refreshed_at
        RETURNING 1
    )
    SELECT count(*)::integer FROM upserted;
$$;
COMMENT ON FUNCTION public.fn_refresh_pivot_results(text[]) IS
    'Recomputes the given pivots (all when NULL) from list_birth inside PostgreSQL and stamps refreshed_at; returns how many results were written. Run by the platform (cron, DOT), never by the read API.';
REVOKE ALL ON FUNCTION public.fn_refresh_pivot_results(text[]) FROM PUBLIC;
