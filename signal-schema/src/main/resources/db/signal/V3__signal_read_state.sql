-- Why: layer 3 keeps per-actor read state apart from events (seed 001: no global read flag). An event is
-- unread for an actor when no row exists for (event, actor); the worker writes implicit_self for the
-- actor who caused the event, an explicit read goes through a SQL function (exposure, agents).

CREATE TABLE signal.event_read (
    event_id  uuid        NOT NULL,
    actor_ref text        NOT NULL,
    read_kind text        NOT NULL,
    read_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_event_read PRIMARY KEY (event_id, actor_ref),
    CONSTRAINT fk_event_read_event FOREIGN KEY (event_id) REFERENCES signal.event (event_id) ON DELETE CASCADE,
    CONSTRAINT ck_event_read_kind CHECK (read_kind IN ('read', 'implicit_self')),
    CONSTRAINT ck_event_read_actor CHECK (actor_ref <> '')
);
CREATE INDEX ix_event_read_actor ON signal.event_read (actor_ref, read_at DESC);
COMMENT ON TABLE signal.event_read IS 'Per-actor read state: read (explicit) or implicit_self (the actor caused the event). Unread = no row.';
