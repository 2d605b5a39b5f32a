-- Why: layer 4 (router) writes and layer 5 (exposure) reads the same recipient and delivery tables; they are
-- fixed here, in one place, so both services build against one contract (SPEC §5).

CREATE TABLE signal.actor (
    actor_ref        text        NOT NULL,
    kind             text        NOT NULL,
    display_name     text,
    directus_user_id uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_actor PRIMARY KEY (actor_ref),
    CONSTRAINT uq_actor_directus_user UNIQUE (directus_user_id),
    CONSTRAINT ck_actor_ref CHECK (actor_ref ~ '^[a-z][a-z0-9_.@:-]{0,127}$'),
    CONSTRAINT ck_actor_kind CHECK (kind IN ('human', 'ai_agent', 'agency', 'role', 'system'))
);
COMMENT ON TABLE signal.actor IS 'Who causes and who receives signals: user:huyen, gpt, opus, agent:codex, reviewer:gpt, role:reviewers, system:scan.';
COMMENT ON COLUMN signal.actor.directus_user_id IS 'directus_users.id of a human; a Directus access token for that user acts as this actor.';

CREATE TABLE signal.role_member (
    role_ref   text NOT NULL,
    member_ref text NOT NULL,
    CONSTRAINT pk_role_member PRIMARY KEY (role_ref, member_ref),
    CONSTRAINT fk_role_member_role FOREIGN KEY (role_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT fk_role_member_member FOREIGN KEY (member_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT ck_role_member_not_self CHECK (role_ref <> member_ref)
);
CREATE INDEX ix_role_member_member ON signal.role_member (member_ref);
COMMENT ON TABLE signal.role_member IS 'Role/group membership; a subscription of a role fans out to its members.';

CREATE TABLE signal.webhook_endpoint (
    endpoint_id uuid        NOT NULL DEFAULT gen_random_uuid(),
    actor_ref   text        NOT NULL,
    url         text        NOT NULL,
    secret      text        NOT NULL,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_webhook_endpoint PRIMARY KEY (endpoint_id),
    CONSTRAINT uq_webhook_endpoint_actor UNIQUE (actor_ref),
    CONSTRAINT fk_webhook_endpoint_actor FOREIGN KEY (actor_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT ck_webhook_endpoint_url CHECK (url ~ '^https?://[^\s]+$'),
    CONSTRAINT ck_webhook_endpoint_secret CHECK (length(secret) >= 24)
);
COMMENT ON TABLE signal.webhook_endpoint IS 'Where the webhook channel of an actor posts; bodies are signed with secret (Standard Webhooks).';
COMMENT ON COLUMN signal.webhook_endpoint.secret IS 'Signing secret (Standard Webhooks: whsec_<base64> or raw). Never logged, never exposed.';

CREATE TABLE signal.subscription (
    subscription_id uuid        NOT NULL DEFAULT gen_random_uuid(),
    subscriber_ref  text        NOT NULL,
    event_domain    text        NOT NULL,
    event_type      text,
    event_stream    text,
    subject_ref     uuid,
    min_severity    text,
    channel         text        NOT NULL DEFAULT 'inbox',
    muted           boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_subscription PRIMARY KEY (subscription_id),
    CONSTRAINT uq_subscription UNIQUE NULLS NOT DISTINCT (subscriber_ref, event_domain, event_type, event_stream, subject_ref, min_severity, channel),
    CONSTRAINT fk_subscription_subscriber FOREIGN KEY (subscriber_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT fk_subscription_domain FOREIGN KEY (event_domain) REFERENCES signal.event_domain (event_domain),
    CONSTRAINT ck_subscription_stream CHECK (event_stream IN ('comment', 'review', 'update', 'alert', 'task', 'health')),
    CONSTRAINT ck_subscription_severity CHECK (min_severity IN ('info', 'warning', 'critical')),
    CONSTRAINT ck_subscription_channel CHECK (channel IN ('inbox', 'webhook', 'email'))
);
CREATE INDEX ix_subscription_domain ON signal.subscription (event_domain);
COMMENT ON TABLE signal.subscription IS 'Who wants which events: per domain, optionally narrowed (NULL = any). A muted subscription yields suppressed deliveries, kept for audit.';

CREATE TABLE signal.delivery (
    delivery_id     bigint      GENERATED ALWAYS AS IDENTITY,
    event_id        uuid        NOT NULL,
    recipient_ref   text        NOT NULL,
    channel         text        NOT NULL,
    state           text        NOT NULL,
    subscription_id uuid,
    via_role        text,
    escalated_from  bigint,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    locked_by       text,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    read_at         timestamptz,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    failed_at       timestamptz,
    dead_at         timestamptz,
    CONSTRAINT pk_delivery PRIMARY KEY (delivery_id),
    CONSTRAINT uq_delivery_event_recipient_channel UNIQUE (event_id, recipient_ref, channel),
    CONSTRAINT fk_delivery_event FOREIGN KEY (event_id) REFERENCES signal.event (event_id) ON DELETE CASCADE,
    CONSTRAINT fk_delivery_recipient FOREIGN KEY (recipient_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT fk_delivery_escalated_from FOREIGN KEY (escalated_from) REFERENCES signal.delivery (delivery_id) ON DELETE SET NULL,
    CONSTRAINT ck_delivery_channel CHECK (channel IN ('inbox', 'webhook', 'email')),
    CONSTRAINT ck_delivery_state CHECK (state IN ('pending', 'delivered', 'read', 'acknowledged', 'resolved',
                                                  'implicit_self', 'suppressed', 'failed', 'dead'))
);
CREATE INDEX ix_delivery_inbox ON signal.delivery (recipient_ref, delivery_id DESC) WHERE channel = 'inbox';
CREATE INDEX ix_delivery_due ON signal.delivery (next_attempt_at) WHERE state IN ('pending', 'failed') AND channel <> 'inbox';
CREATE INDEX ix_delivery_open_by_event ON signal.delivery (event_id) WHERE state IN ('pending', 'delivered', 'failed');
COMMENT ON TABLE signal.delivery IS 'Per-recipient delivery state, one row per (event, recipient, channel). Written by the router; read/ack only through signal functions.';
COMMENT ON COLUMN signal.delivery.state IS 'pending -> delivered -> read / acknowledged / resolved; implicit_self (recipient caused it); suppressed (muted, kept for audit); failed (retry at next_attempt_at) -> dead.';
COMMENT ON COLUMN signal.delivery.locked_until IS 'Lease of a webhook sender: expired leases return to the pool, so no HTTP call ever holds a transaction open.';
