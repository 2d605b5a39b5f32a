-- Why: seed 000 §A/§B: DOT governance. dot_config holds policy (the full scan's kill switch and its cadence,
-- the one truth every schedule is compared with); dot_tools registers governed tools. _dot_origin records which
-- phase created a row, so a rollback removes exactly its own rows (seed 000 §F).

CREATE TABLE IF NOT EXISTS public.dot_config (
    key         text        NOT NULL,
    value       text        NOT NULL,
    description text,
    _dot_origin text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_dot_config PRIMARY KEY (key),
    CONSTRAINT ck_dot_config_key CHECK (key ~ '^[a-z][a-z0-9_.]*$')
);
COMMENT ON TABLE public.dot_config IS 'Host platform (reference): DOT policy and configuration, one value per key.';

CREATE TABLE IF NOT EXISTS public.dot_tools (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    tool_name      text        NOT NULL,
    tool_type      text        NOT NULL,
    classification text        NOT NULL,
    trigger_type   text        NOT NULL,
    executor_ref   text,
    script_path    text,
    cron_schedule  text,
    status         text        NOT NULL DEFAULT 'active',
    description    text,
    _dot_origin    text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_dot_tools PRIMARY KEY (id),
    CONSTRAINT uq_dot_tools_name UNIQUE (tool_name),
    CONSTRAINT ck_dot_tools_type CHECK (tool_type IN ('script', 'api_endpoint', 'db_function', 'directus_flow')),
    CONSTRAINT ck_dot_tools_classification CHECK (classification IN ('governance', 'monitoring', 'maintenance')),
    CONSTRAINT ck_dot_tools_trigger CHECK (trigger_type IN ('manual', 'schedule', 'event')),
    CONSTRAINT ck_dot_tools_status CHECK (status IN ('active', 'inactive'))
);
COMMENT ON TABLE public.dot_tools IS 'Host platform (reference): governed DOT tools (scripts, endpoints, flows), discoverable and auditable.';

-- The scheduler's policy keys (the rollback of deploy/scan removes them again, by key and origin).
INSERT INTO public.dot_config (key, value, description, _dot_origin) VALUES
    ('policy.birth_full_scan.enabled', 'true',
     'Kill switch of the birth-onboarding full scan: anything but true stops every trigger.', 'b3f1c-c'),
    ('policy.birth_full_scan.cadence_cron', '0 */6 * * *',
     'Cadence of the birth-onboarding full scan, Unix 5-field cron: the one truth for the Directus flow, the CronJob and the in-process schedule.',
     'b3f1c-c')
ON CONFLICT (key) DO NOTHING;
