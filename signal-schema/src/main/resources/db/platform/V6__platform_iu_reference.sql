-- Why: the host platform's IU tables (seed 001 §A2), shipped as a reference so the product can run, be tested
-- and be demonstrated without the live platform. This location (db/platform) is optional: a deployment onto
-- an existing platform database leaves it out (QUARKUS_FLYWAY_LOCATIONS=db/signal) and keeps its own tables.

CREATE TABLE IF NOT EXISTS public.information_unit (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    canonical_address text        NOT NULL,
    title             text        NOT NULL,
    body              text,
    species           text        NOT NULL DEFAULT 'information_unit',
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_information_unit PRIMARY KEY (id),
    CONSTRAINT uq_information_unit_address UNIQUE (canonical_address),
    CONSTRAINT ck_information_unit_address CHECK (canonical_address <> '')
);
COMMENT ON TABLE public.information_unit IS 'Host platform (reference): an information unit; body is content and never leaves PostgreSQL.';

CREATE TABLE IF NOT EXISTS public.unit_edit_comment (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    unit_id             uuid        NOT NULL,
    canonical_address   text        NOT NULL,
    author_ref          text        NOT NULL,
    body                text        NOT NULL,
    source_document_ref text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_unit_edit_comment PRIMARY KEY (id),
    CONSTRAINT fk_unit_edit_comment_unit FOREIGN KEY (unit_id) REFERENCES public.information_unit (id)
);
CREATE INDEX IF NOT EXISTS ix_unit_edit_comment_unit ON public.unit_edit_comment (unit_id, created_at);
COMMENT ON TABLE public.unit_edit_comment IS 'Host platform (reference): a comment on an information unit.';

CREATE TABLE IF NOT EXISTS public.unit_edit_draft (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    unit_id             uuid        NOT NULL,
    canonical_address   text        NOT NULL,
    author_ref          text        NOT NULL,
    body                text        NOT NULL,
    status              text        NOT NULL DEFAULT 'open',
    source_document_ref text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_unit_edit_draft PRIMARY KEY (id),
    CONSTRAINT fk_unit_edit_draft_unit FOREIGN KEY (unit_id) REFERENCES public.information_unit (id),
    CONSTRAINT ck_unit_edit_draft_status CHECK (status IN ('open', 'applied', 'rejected'))
);
CREATE INDEX IF NOT EXISTS ix_unit_edit_draft_unit ON public.unit_edit_draft (unit_id, created_at);
COMMENT ON TABLE public.unit_edit_draft IS 'Host platform (reference): a proposed edit of an information unit, awaiting review.';

CREATE TABLE IF NOT EXISTS public.unit_version (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    unit_id             uuid        NOT NULL,
    canonical_address   text        NOT NULL,
    draft_id            uuid,
    version_no          integer     NOT NULL,
    body                text        NOT NULL,
    applied_by          text        NOT NULL,
    source_document_ref text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_unit_version PRIMARY KEY (id),
    CONSTRAINT uq_unit_version_no UNIQUE (unit_id, version_no),
    CONSTRAINT fk_unit_version_unit FOREIGN KEY (unit_id) REFERENCES public.information_unit (id),
    CONSTRAINT fk_unit_version_draft FOREIGN KEY (draft_id) REFERENCES public.unit_edit_draft (id)
);
COMMENT ON TABLE public.unit_version IS 'Host platform (reference): an applied version of an information unit.';
