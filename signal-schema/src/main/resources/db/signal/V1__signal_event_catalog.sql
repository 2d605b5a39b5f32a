-- Why: every fact that may leave PostgreSQL must be registered first (seed 003 Q11: governance-significant
-- facts only, never an activity log). The catalog is the allow-list the worker checks each fact against.
-- Convention for every migration: names are schema-qualified (signal.*, public.*), constraints named
-- pk_/fk_/ix_/uq_/ck_, and COMMENT ON everything an operator reads.

CREATE SCHEMA IF NOT EXISTS signal;
COMMENT ON SCHEMA signal IS 'pg-signal: outbox, durable events, read state, routing and delivery state. Owned by pg-signal.';

CREATE TABLE signal.event_domain (
    event_domain text NOT NULL,
    description  text NOT NULL,
    CONSTRAINT pk_event_domain PRIMARY KEY (event_domain),
    CONSTRAINT ck_event_domain_name CHECK (event_domain ~ '^[a-z][a-z0-9_]{0,39}$')
);
COMMENT ON TABLE signal.event_domain IS 'Registered event domains. More can be registered with an INSERT.';

CREATE TABLE signal.event_type (
    event_domain       text     NOT NULL,
    event_type         text     NOT NULL,
    event_stream       text     NOT NULL,
    default_severity   text     NOT NULL DEFAULT 'info',
    debounce_window    interval NOT NULL DEFAULT interval '0',
    max_wait           interval NOT NULL DEFAULT interval '0',
    resolved_by        text[]   NOT NULL DEFAULT '{}',
    escalation_target  text,
    escalation_delay   interval,
    description        text     NOT NULL,
    CONSTRAINT pk_event_type PRIMARY KEY (event_domain, event_type),
    CONSTRAINT fk_event_type_domain FOREIGN KEY (event_domain) REFERENCES signal.event_domain (event_domain),
    CONSTRAINT ck_event_type_name CHECK (event_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT ck_event_type_stream CHECK (event_stream IN ('comment', 'review', 'update', 'alert', 'task', 'health')),
    CONSTRAINT ck_event_type_severity CHECK (default_severity IN ('info', 'warning', 'critical')),
    CONSTRAINT ck_event_type_debounce CHECK (debounce_window >= interval '0' AND max_wait >= debounce_window),
    CONSTRAINT ck_event_type_escalation CHECK ((escalation_target IS NULL) = (escalation_delay IS NULL))
);
COMMENT ON TABLE signal.event_type IS 'Event catalog: a (domain, type) not listed here is dead-lettered as not_registered by the worker.';
COMMENT ON COLUMN signal.event_type.debounce_window IS 'Facts of one (domain, type, grouping key) fold into one event until no new fact arrived for this long; 0 = one event per fact.';
COMMENT ON COLUMN signal.event_type.max_wait IS 'A group closes at the latest this long after its first fact, even under a steady trickle.';
COMMENT ON COLUMN signal.event_type.resolved_by IS 'Types of the same domain whose event for the same subject resolves the open deliveries of this type.';
COMMENT ON COLUMN signal.event_type.escalation_target IS 'Actor that receives an unacknowledged critical delivery of this type after escalation_delay.';

INSERT INTO signal.event_domain (event_domain, description) VALUES
    ('iu',             'Information units: comments, drafts, versions (seed 001)'),
    ('birth_registry', 'Entity birth, conformance, onboarding scans (seed 000)'),
    ('governance',     'Agencies, approvals, checkpoints'),
    ('tac',            'Text units: birth, review, version, indexing'),
    ('kg',             'Knowledge graph provenance and constraints'),
    ('system',         'System context: context packs, health alerts'),
    ('dot',            'DOT tool executions');

INSERT INTO signal.event_type (event_domain, event_type, event_stream, default_severity, resolved_by, description) VALUES
    ('iu', 'comment_added',   'comment', 'info', '{}',                'A comment was added to an information unit'),
    ('iu', 'draft_created',   'review',  'info', '{version_applied}', 'A draft awaits review; resolved when a version of the unit is applied'),
    ('iu', 'version_applied', 'update',  'info', '{}',                'A new version of an information unit was applied');

INSERT INTO signal.event_type (event_domain, event_type, event_stream, default_severity, debounce_window, max_wait, description) VALUES
    ('birth_registry', 'entity_born',                 'update', 'info',    interval '2 seconds', interval '30 seconds', 'Entities were born in the birth registry; grouped by import batch'),
    ('birth_registry', 'onboarding_full_scan_completed', 'health', 'info', interval '0', interval '0', 'The birth-onboarding full scan finished (complete or dependency_fail)'),
    ('birth_registry', 'onboarding_gap_detected',     'alert',  'warning', interval '0', interval '0', 'A collection is missing part of its birth onboarding'),
    ('governance',     'approval_requested',          'task',   'info',    interval '0', interval '0', 'An approval is requested from an agency'),
    ('governance',     'approval_decided',            'update', 'info',    interval '0', interval '0', 'An agency decided an approval'),
    ('governance',     'checkpoint_batch_completed',  'update', 'info',    interval '5 seconds', interval '60 seconds', 'Agency checkpoint batch items completed; grouped by batch'),
    ('tac',            'text_unit_born',              'update', 'info',    interval '2 seconds', interval '30 seconds', 'Text units were born; grouped by source document'),
    ('tac',            'text_unit_reviewed',          'review', 'info',    interval '0', interval '0', 'A text unit was reviewed'),
    ('kg',             'constraint_violated',         'alert',  'warning', interval '0', interval '0', 'A knowledge-graph constraint failed'),
    ('system',         'health_alert',                'health', 'critical', interval '0', interval '0', 'A health check raised an alert'),
    ('system',         'context_pack_built',          'update', 'info',    interval '5 seconds', interval '60 seconds', 'Context-pack build steps finished; grouped by build id'),
    ('dot',            'dot_execution_result',        'task',   'info',    interval '3 seconds', interval '30 seconds', 'A DOT tool execution finished; grouped by DOT run id');
