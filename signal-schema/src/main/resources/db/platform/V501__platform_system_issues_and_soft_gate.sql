-- Why: gaps in birth onboarding are logged as issues (B3-F1b soft gate): a birth for a collection that is not
-- live in public.collection_registry is let through but logged, through one helper that keeps a single open
-- issue per (collection, gap). The full scan (V503) logs through the same helper. system_issues is the
-- platform's issue table; its shape varies between deployments, which is why scan-service probes it.

CREATE TABLE IF NOT EXISTS public.system_issues (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    issue_type  text        NOT NULL,
    severity    text        NOT NULL DEFAULT 'warning',
    entity_ref  text        NOT NULL,
    title       text        NOT NULL,
    description text,
    details     jsonb,
    status      text        NOT NULL DEFAULT 'open',
    source      text        NOT NULL DEFAULT 'system',
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    CONSTRAINT pk_system_issues PRIMARY KEY (id),
    CONSTRAINT ck_system_issues_severity CHECK (severity IN ('informational', 'warning', 'critical')),
    CONSTRAINT ck_system_issues_status CHECK (status IN ('open', 'resolved', 'ignored'))
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_system_issues_open ON public.system_issues (issue_type, entity_ref)
    WHERE status = 'open';
CREATE INDEX IF NOT EXISTS ix_system_issues_type_created ON public.system_issues (issue_type, created_at DESC);
COMMENT ON TABLE public.system_issues IS
    'Host platform (reference): issues raised by the platform''s checks; at most one open issue per (issue_type, entity_ref).';

CREATE OR REPLACE FUNCTION public.fn_b3f1_log_collection_onboarding_gap(
    p_collection_name text,
    p_gap_type        text,
    p_details         jsonb DEFAULT '{}',
    p_source          text  DEFAULT 'b3f1_soft_gate'
) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    v_id uuid;
BEGIN
    INSERT INTO public.system_issues (issue_type, severity, entity_ref, title, description, details, source)
    VALUES ('BIRTH_ONBOARDING_GAP', 'warning', p_collection_name || '#' || p_gap_type,
            format('Birth onboarding gap: %s on %s', p_gap_type, p_collection_name),
            format('Collection %s is missing part of its birth onboarding: %s.', p_collection_name, p_gap_type),
            coalesce(p_details, '{}') || jsonb_build_object('collection', p_collection_name, 'gap_type', p_gap_type),
            p_source)
    ON CONFLICT (issue_type, entity_ref) WHERE status = 'open' DO NOTHING
    RETURNING id INTO v_id;
    RETURN v_id IS NOT NULL;
END
$$;
COMMENT ON FUNCTION public.fn_b3f1_log_collection_onboarding_gap(text, text, jsonb, text) IS
    'B3-F1b helper: opens a BIRTH_ONBOARDING_GAP issue for (collection, gap) unless one is open; true when a new issue was opened.';

CREATE OR REPLACE FUNCTION public.fn_b3f1_birth_onboarding_gate()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.collection_registry c
                   WHERE c.collection_name = NEW.collection_name AND c.status = 'active') THEN
        PERFORM public.fn_b3f1_log_collection_onboarding_gap(NEW.collection_name, 'collection_not_registered',
                jsonb_build_object('entity_ref', NEW.entity_ref), 'b3f1_soft_gate');
    END IF;
    RETURN NEW; -- soft gate: log, never reject (the hard gate B3-F2 is a later phase)
END
$$;
COMMENT ON FUNCTION public.fn_b3f1_birth_onboarding_gate() IS
    'B3-F1b soft gate: a birth for a collection that is not live in collection_registry is recorded and logged as a gap.';

DROP TRIGGER IF EXISTS trg_b3f1_birth_onboarding_gate ON public.birth_registry;
CREATE TRIGGER trg_b3f1_birth_onboarding_gate
    BEFORE INSERT ON public.birth_registry
    FOR EACH ROW EXECUTE FUNCTION public.fn_b3f1_birth_onboarding_gate();
