-- Why: layer 1 appends facts to one universal outbox (hot path: one INSERT, no reads); layer 2 turns them
-- into durable events with exactly the envelope of SPEC §3. The outbox accepts anything so a source
-- transaction never fails because of a bad fact: validation happens at the worker, which dead-letters.

CREATE FUNCTION signal.forbidden_payload_key(payload jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    WITH RECURSIVE walk(value, path) AS (
        SELECT payload, ''::text
        UNION ALL
        SELECT child.value, walk.path || '/' || child.key
        FROM walk
        CROSS JOIN LATERAL (
            SELECT e.key, e.value FROM jsonb_each(CASE WHEN jsonb_typeof(walk.value) = 'object' THEN walk.value END) e
            UNION ALL
            SELECT (a.ordinality - 1)::text, a.value
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(walk.value) = 'array' THEN walk.value END) WITH ORDINALITY a(value, ordinality)
        ) child
    )
    SELECT min(w.path) FROM walk w
    WHERE lower(regexp_replace(w.path, '^.*/', '')) ~ '^(body|content|vector|embedding|secret|password|token)$|_(body|content|vector|embedding|secret|password|token)$'
$$;
COMMENT ON FUNCTION signal.forbidden_payload_key(jsonb) IS
    'Path of the first forbidden key (body, content, vector, embedding, secret, password, token, or *_<one of those>) at any depth of a payload; NULL when the payload is clean.';

CREATE TABLE signal.outbox (
    fact_id                bigint      GENERATED ALWAYS AS IDENTITY,
    event_domain           text        NOT NULL,
    event_type             text        NOT NULL,
    event_severity         text,
    event_subject_type     text,
    event_subject_ref      uuid,
    event_subject_table    text,
    canonical_address      text,
    actor_ref              text,
    source_system          text        NOT NULL DEFAULT 'trigger',
    source_function        text,
    correlation_id         text,
    causation_id           text,
    source_document_ref    text,
    import_batch_ref       text,
    grouping_key           text,
    payload_classification text        NOT NULL DEFAULT 'safe_metadata',
    safe_payload           jsonb       NOT NULL DEFAULT '{}',
    occurred_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_at            timestamptz NOT NULL DEFAULT now(),
    state                  text        NOT NULL DEFAULT 'pending',
    attempts               integer     NOT NULL DEFAULT 0,
    next_attempt_at        timestamptz NOT NULL DEFAULT now(),
    last_error             text,
    event_id               uuid,
    processed_at           timestamptz,
    CONSTRAINT pk_outbox PRIMARY KEY (fact_id),
    CONSTRAINT ck_outbox_state CHECK (state IN ('pending', 'done', 'dead'))
);
CREATE INDEX ix_outbox_pending ON signal.outbox (next_attempt_at, fact_id) WHERE state = 'pending';
COMMENT ON TABLE signal.outbox IS 'Layer 1: one row per captured fact. The worker claims pending rows (FOR UPDATE SKIP LOCKED) and marks them done or dead in the transaction that writes their event.';
COMMENT ON COLUMN signal.outbox.grouping_key IS 'Stable key (source document, DOT run, build, workflow, batch) that folds facts of a debounced type into one event.';
COMMENT ON COLUMN signal.outbox.state IS 'pending: to process (again after next_attempt_at); done: became event_id; dead: dead-lettered, last_error says why.';
COMMENT ON COLUMN signal.outbox.attempts IS 'Failed processing attempts so far; the fact is dead-lettered after the configured maximum.';

CREATE TABLE signal.event (
    event_id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    event_domain           text        NOT NULL,
    event_type             text        NOT NULL,
    event_stream           text        NOT NULL,
    event_severity         text        NOT NULL,
    event_subject_type     text,
    event_subject_ref      uuid,
    event_subject_table    text,
    canonical_address      text,
    actor_ref              text,
    source_system          text        NOT NULL,
    source_function        text,
    correlation_id         text,
    causation_id           text,
    source_document_ref    text,
    import_batch_ref       text,
    payload_classification text        NOT NULL,
    safe_payload           jsonb       NOT NULL DEFAULT '{}',
    created_at             timestamptz NOT NULL DEFAULT now(),
    occurred_at            timestamptz NOT NULL,
    CONSTRAINT pk_event PRIMARY KEY (event_id),
    CONSTRAINT fk_event_type FOREIGN KEY (event_domain, event_type) REFERENCES signal.event_type (event_domain, event_type),
    CONSTRAINT ck_event_stream CHECK (event_stream IN ('comment', 'review', 'update', 'alert', 'task', 'health')),
    CONSTRAINT ck_event_severity CHECK (event_severity IN ('info', 'warning', 'critical')),
    CONSTRAINT ck_event_source_system CHECK (source_system IN ('trigger', 'worker', 'function', 'dot')),
    CONSTRAINT ck_event_classification CHECK (payload_classification IN ('safe_metadata', 'restricted')),
    CONSTRAINT ck_event_payload_object CHECK (jsonb_typeof(safe_payload) = 'object'),
    CONSTRAINT ck_event_payload_size CHECK (octet_length(safe_payload::text) <= 16384),
    CONSTRAINT ck_event_payload_forbidden_keys CHECK (signal.forbidden_payload_key(safe_payload) IS NULL)
);
CREATE INDEX ix_event_created ON signal.event (created_at DESC, event_id DESC);
CREATE INDEX ix_event_domain_created ON signal.event (event_domain, created_at DESC);
CREATE INDEX ix_event_subject ON signal.event (event_subject_ref, event_domain, event_type) WHERE event_subject_ref IS NOT NULL;
COMMENT ON TABLE signal.event IS 'Layer 3: durable governance events with the universal envelope (SPEC §3). Metadata only: the CHECKs refuse forbidden keys at any depth.';
COMMENT ON COLUMN signal.event.safe_payload IS 'Metadata only. For a grouped event: member_count, first_occurred_at, last_occurred_at, member_refs (capped).';
COMMENT ON COLUMN signal.event.created_at IS 'When the event was written (by the worker).';
COMMENT ON COLUMN signal.event.occurred_at IS 'When the fact happened (first fact of a group).';

-- Layer 4 reads new events from this queue, filled in the transaction that writes the events, so the
-- router neither misses nor repeats an event whatever its restarts (the event table keeps only the envelope).
CREATE TABLE signal.routing_queue (
    event_id    uuid        NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_routing_queue PRIMARY KEY (event_id),
    CONSTRAINT fk_routing_queue_event FOREIGN KEY (event_id) REFERENCES signal.event (event_id) ON DELETE CASCADE
);
COMMENT ON TABLE signal.routing_queue IS 'Events not yet routed. The router claims rows FOR UPDATE SKIP LOCKED and deletes them in the transaction that writes their deliveries.';

CREATE FUNCTION signal.enqueue_for_routing() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO signal.routing_queue (event_id) SELECT event_id FROM new_events;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.enqueue_for_routing() IS 'Statement-level: queues every new event for the router in the same transaction.';

CREATE TRIGGER trg_event_enqueue_for_routing
    AFTER INSERT ON signal.event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION signal.enqueue_for_routing();
