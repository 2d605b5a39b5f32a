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
-- wait for each other's commit at that row (rows are locked in actor_ref order within a statement;
-- across two statements of one transaction a deadlock stays possible: PostgreSQL aborts one with 40P01
-- and the router routes that batch again on its next pass).

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
    'Increments the inbox markers of the given actors, locking their rows in actor_ref order, so two statements bumping overlapping sets do not deadlock. Two transactions that each bump twice (route_batch: new deliveries, then resolutions) still can; PostgreSQL then aborts one (40P01).';
REVOKE ALL ON FUNCTION signal.bump_inbox_markers(text[]) FROM PUBLIC;

-- One trigger function for both tables: the arguments name the actor column and the filter (column,
-- value) of the rows that matter; TG_OP picks the transition tables that exist for the event.
CREATE FUNCTION signal.trg_inbox_marker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_select text := format('SELECT t.%I FROM %%s t WHERE t.%I = %L', TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]);
    v_actors text[];
BEGIN
    EXECUTE 'SELECT ARRAY(' || CASE TG_OP
                                   WHEN 'INSERT' THEN format(v_select, 'new_rows')
                                   WHEN 'DELETE' THEN format(v_select, 'old_rows')
                                   ELSE format(v_select, 'new_rows') || ' UNION ' || format(v_select, 'old_rows')
                               END || ')'
        INTO v_actors;
    PERFORM signal.bump_inbox_markers(v_actors);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.trg_inbox_marker() IS
    'Statement trigger (arguments: actor column, filter column, filter value): bumps the inbox marker of every actor whose matching rows the statement inserted, updated or deleted. On signal.delivery: inbox rows by recipient; on signal.event_read: explicit reads (implicit_self rows do not change unread).';
REVOKE ALL ON FUNCTION signal.trg_inbox_marker() FROM PUBLIC;

-- Three triggers per table (one per event: each declares only the transition tables it has).
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('delivery', 'recipient_ref', 'channel', 'inbox'),
                                   ('event_read', 'actor_ref', 'read_kind', 'read')) v (tbl, actor, col, val)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON signal.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_inbox_marker(%L, %L, %L)',
                       'trg_' || t.tbl || '_inbox_marker_ins', t.tbl, t.actor, t.col, t.val);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON signal.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_inbox_marker(%L, %L, %L)',
                       'trg_' || t.tbl || '_inbox_marker_upd', t.tbl, t.actor, t.col, t.val);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON signal.%I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_inbox_marker(%L, %L, %L)',
                       'trg_' || t.tbl || '_inbox_marker_del', t.tbl, t.actor, t.col, t.val);
    END LOOP;
END
$$;

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
