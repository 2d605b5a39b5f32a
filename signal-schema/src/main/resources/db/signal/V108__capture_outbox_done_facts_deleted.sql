-- Why: the outbox is a queue, not a history. Facts turned into events stayed in it as state 'done' with their
-- event_id, so the outbox and its primary key grew forever (every batch also wrote a new row version per
-- fact). The worker now deletes a fact in the transaction that writes its event: the event is the durable
-- record of the fact (envelope, subject, actor, occurred_at, source_function), and a crash before that commit
-- keeps both the fact and no event, so exactly once holds as before. What stays in the outbox: pending facts
-- and dead letters (state 'dead' with last_error and attempts, listed by signal.dead_letter, re-driven by
-- signal.redrive_dead_letter, both unchanged). outbox.event_id, which only done facts carried, goes.
-- The one-off purge below deletes the done facts of an existing database (one pass; inserts into the outbox
-- wait for this migration's transaction).
--
-- The CHECK ck_outbox_state goes too, for the writers' sake: PostgreSQL re-reads a table's CHECK constraints
-- from their stored text (stringToNode) and compiles them once per executor run, and every capture trigger's
-- INSERT is its own executor run. Measured with pgbench on a scratch copy (single-row inserts, one writer,
-- synchronous_commit off so CPU shows, one pgbench drawing the variants at random, medians of ~50,000 each):
-- plain table 121 µs, trigger inserting a full outbox row with the CHECK 149 µs, without it 141 µs: 8 µs of a
-- 28 µs capture cost. Inserts never set the state (it defaults to 'pending'; the generated triggers and
-- signal.emit do not name the column); it changes only by UPDATE (worker, re-drive), so the guard is now a
-- BEFORE UPDATE trigger whose WHEN clause only updates evaluate.

DELETE FROM signal.outbox WHERE state = 'done';

ALTER TABLE signal.outbox DROP CONSTRAINT ck_outbox_state;

CREATE FUNCTION signal.refuse_outbox_state() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'outbox state must be pending or dead, not %', NEW.state USING ERRCODE = 'check_violation';
END
$$;
COMMENT ON FUNCTION signal.refuse_outbox_state() IS 'Refuses an outbox state other than pending or dead (trg_outbox_state).';

CREATE TRIGGER trg_outbox_state
    BEFORE UPDATE OF state ON signal.outbox
    FOR EACH ROW WHEN (NEW.state NOT IN ('pending', 'dead'))
    EXECUTE FUNCTION signal.refuse_outbox_state();
ALTER TABLE signal.outbox DROP COLUMN event_id;

COMMENT ON TABLE signal.outbox IS 'Layer 1: one row per captured fact, until it becomes an event. The worker claims pending rows (FOR UPDATE SKIP LOCKED) and, in the transaction that writes their event, deletes them (or marks them dead).';
COMMENT ON COLUMN signal.outbox.state IS 'pending (the default; inserts do not set it): to process (again after next_attempt_at); dead: dead-lettered, last_error says why. A fact that became an event is deleted. Updates to any other value are refused (trg_outbox_state).';
COMMENT ON COLUMN signal.outbox.processed_at IS 'When the fact was dead-lettered (signal.dead_letter.dead_at).';

GRANT DELETE ON signal.outbox TO signal_capture;
