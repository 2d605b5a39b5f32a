-- Why: seed 000 scans the host platform's birth onboarding. Its tables are the platform's, not ours; this
-- reference copy (optional location db/platform) lets the scan run, be tested and be demonstrated without the
-- live platform. B3-A: every onboarded collection's table carries an AFTER INSERT trigger calling
-- public.fn_birth_registry_record_birth(), which records the entity's birth in public.birth_registry.

CREATE TABLE IF NOT EXISTS public.species (
    species_code text        NOT NULL,
    description  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_species PRIMARY KEY (species_code),
    CONSTRAINT ck_species_code CHECK (species_code ~ '^[a-z][a-z0-9_]{0,62}$')
);
COMMENT ON TABLE public.species IS 'Host platform (reference): entity species vocabulary of the birth registry.';

CREATE TABLE IF NOT EXISTS public.collection_registry (
    collection_name text        NOT NULL,
    table_schema    text        NOT NULL DEFAULT 'public',
    status          text        NOT NULL DEFAULT 'active',
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_collection_registry PRIMARY KEY (collection_name),
    CONSTRAINT ck_collection_registry_status CHECK (status IN ('active', 'retired')),
    CONSTRAINT ck_collection_registry_name CHECK (collection_name <> '')
);
COMMENT ON TABLE public.collection_registry IS
    'Host platform (reference): every collection (table) the platform governs; status=active rows are live and must be birth-onboarded.';

CREATE TABLE IF NOT EXISTS public.collection_species_map (
    collection_name text        NOT NULL,
    species_code    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_collection_species_map PRIMARY KEY (collection_name),
    CONSTRAINT fk_collection_species_map_collection FOREIGN KEY (collection_name)
        REFERENCES public.collection_registry (collection_name) ON DELETE CASCADE,
    CONSTRAINT fk_collection_species_map_species FOREIGN KEY (species_code) REFERENCES public.species (species_code)
);
COMMENT ON TABLE public.collection_species_map IS 'Host platform (reference): the species an entity born in a collection gets.';

CREATE TABLE IF NOT EXISTS public.birth_registry (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    collection_name text        NOT NULL,
    entity_ref      text        NOT NULL,
    species_code    text,
    born_at         timestamptz NOT NULL DEFAULT now(),
    import_batch_ref text,
    CONSTRAINT pk_birth_registry PRIMARY KEY (id),
    CONSTRAINT uq_birth_registry_entity UNIQUE (collection_name, entity_ref)
);
COMMENT ON TABLE public.birth_registry IS
    'Host platform (reference): one row per entity ever born in a governed collection (~985k on the live platform).';

CREATE OR REPLACE FUNCTION public.fn_birth_registry_record_birth()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    INSERT INTO public.birth_registry (collection_name, entity_ref, species_code)
    SELECT TG_TABLE_NAME, to_jsonb(NEW) ->> 'id', m.species_code
    FROM (SELECT 1) one
    LEFT JOIN public.collection_species_map m ON m.collection_name = TG_TABLE_NAME
    ON CONFLICT ON CONSTRAINT uq_birth_registry_entity DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION public.fn_birth_registry_record_birth() IS
    'B3-A birth trigger: AFTER INSERT on a collection table, records the new row (its id) in public.birth_registry.';
