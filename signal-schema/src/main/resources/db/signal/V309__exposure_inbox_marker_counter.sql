-- Why: every inbox/summary request reads the actor's change marker (ETag). Since V307 that marker
-- counted the actor's deliveries per state and its explicit reads: correct for changes committed out
-- of order, but an aggregate over the actor's whole history on every request (100 heap rows per actor
-- in the 1M-event benchmark; unbounded for a busy actor). The marker is now one row per actor holding a
-- counter that every committed change of the actor's inbox increments: statement-level triggers on
-- signal.delivery (inbox rows inserted, updated, deleted) and on signal.event_read (explicit reads, the
-- only reads the inbox's unread flag looks at) upsert it. The upsert takes the row lock, so increments
-- are serialised in commit order: a change committed after a poll always yields a different value,
-- whatever its stamps say (the out-of-order case of V307). Reading the marker is one index probe.
-- Cost on the writers: one upsert per distinct recipient and statement; writers touching the same actor
-- wait for each other's commit at that row (rows are locked in actor_ref order within a statement).

CREATE TABLE signal.inbox_marker (
    actor_ref text   NOT NULL,
    version   bigint NOT NULL,
    CONSTRAINT pk_inbox_marker PRIMARY KEY (actor_ref)
);
COMMENT ON TABLE signal.inbox_marker IS
    'Change counter of each actor''s inbox and summary, incremented (in commit order, under the row lock) by every committed change of its inbox deliveries or explicit reads. No row = no change since V309 (version 0). Maintained by triggers only.';

CREATE FUNCTION signal.bump_inbox_markers(p_actors text[]) RETURNS void
    LANGUAGE sql
    SET search_path = pg_catalog
AS $$
    INSERT INTO signal.inbox_marker AS m (actor_ref, version)
    SELECT DISTINCT a, 1 FROM unnest(p_actors) a WHERE a IS NOT NULL ORDER BY a
    ON CONFLICT ON CONSTRAINT pk_inbox_marker DO UPDATE SET version = m.version + 1
$$;
COMMENT ON FUNCTION signal.bump_inbox_markers(text[]) IS
    'Increments the inbox markers of the given actors, locking their rows in actor_ref order (no deadlock between two statements bumping overlapping sets).';
REVOKE ALL ON FUNCTION signal.bump_inbox_markers(text[]) FROM PUBLIC;

-- One trigger function per table; TG_OP picks the transition tables that exist for the event.
CREATE FUNCTION signal.trg_delivery_inbox_marker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT n.recipient_ref FROM new_rows n WHERE n.channel = 'inbox'));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT n.recipient_ref FROM new_rows n WHERE n.channel = 'inbox'
                                                UNION
                                                SELECT o.recipient_ref FROM old_rows o WHERE o.channel = 'inbox'));
    ELSE
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT o.recipient_ref FROM old_rows o WHERE o.channel = 'inbox'));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION signal.trg_event_read_inbox_marker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT n.actor_ref FROM new_rows n WHERE n.read_kind = 'read'));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT n.actor_ref FROM new_rows n WHERE n.read_kind = 'read'
                                                UNION
                                                SELECT o.actor_ref FROM old_rows o WHERE o.read_kind = 'read'));
    ELSE
        PERFORM signal.bump_inbox_markers(ARRAY(SELECT o.actor_ref FROM old_rows o WHERE o.read_kind = 'read'));
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.trg_delivery_inbox_marker() IS
    'Statement trigger: bumps the inbox marker of every recipient whose inbox deliveries the statement inserted, updated or deleted.';
COMMENT ON FUNCTION signal.trg_event_read_inbox_marker() IS
    'Statement trigger: bumps the inbox marker of every actor whose explicit read rows the statement inserted, updated or deleted (implicit_self rows do not change unread).';
REVOKE ALL ON FUNCTION signal.trg_delivery_inbox_marker(), signal.trg_event_read_inbox_marker() FROM PUBLIC;

CREATE TRIGGER trg_delivery_inbox_marker_ins AFTER INSERT ON signal.delivery
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_delivery_inbox_marker();
CREATE TRIGGER trg_delivery_inbox_marker_upd AFTER UPDATE ON signal.delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_delivery_inbox_marker();
CREATE TRIGGER trg_delivery_inbox_marker_del AFTER DELETE ON signal.delivery
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_delivery_inbox_marker();
CREATE TRIGGER trg_event_read_inbox_marker_ins AFTER INSERT ON signal.event_read
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_event_read_inbox_marker();
CREATE TRIGGER trg_event_read_inbox_marker_upd AFTER UPDATE ON signal.event_read
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_event_read_inbox_marker();
CREATE TRIGGER trg_event_read_inbox_marker_del AFTER DELETE ON signal.event_read
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_event_read_inbox_marker();

-- Existing inboxes start at 1 (any value works: only changes matter; tags issued before differ anyway).
INSERT INTO signal.inbox_marker (actor_ref, version)
SELECT DISTINCT d.recipient_ref, 1 FROM signal.delivery d WHERE d.channel = 'inbox'
ON CONFLICT DO NOTHING;

-- Same name and columns as V305/V307, so every statement reading it keeps working; the actor row keeps
-- the "null when the actor no longer exists" meaning.
CREATE OR REPLACE VIEW signal.v_inbox_marker AS
SELECT a.actor_ref AS recipient_ref,
       coalesce(m.version, 0)::text AS version
FROM signal.actor a
LEFT JOIN signal.inbox_marker m ON m.actor_ref = a.actor_ref;
COMMENT ON VIEW signal.v_inbox_marker IS
    'Change marker of each actor''s inbox and summary: the counter of signal.inbox_marker (0 before the first change). A different value means something may have changed, including changes committed out of order; equal values mean nothing to send. Two primary-key probes.';

-- The default inbox (unread) walks only the open deliveries, newest first, and stops after one page:
-- ix_delivery_inbox also holds every read, acknowledged and resolved delivery of the actor.
CREATE INDEX ix_delivery_inbox_open ON signal.delivery (recipient_ref, delivery_id DESC)
    WHERE channel = 'inbox' AND state IN ('pending', 'delivered', 'failed');
COMMENT ON INDEX signal.ix_delivery_inbox_open IS
    'Open inbox deliveries per recipient, newest first: the unread inbox page is a walk of this index that stops after limit + 1 rows.';
