-- Why: the outbox is a queue, not a history. Facts turned into events stayed in it as state 'done' with their
-- event_id, so the outbox and its primary key grew forever (every batch also wrote a new row version per
-- fact). The worker now deletes a fact in the transaction that writes its event: the event is the durable
-- record of the fact (envelope, subject, actor, occurred_at, source_function), and a crash before that commit
-- keeps both the fact and no event, so exactly once holds as before. What stays in the outbox: pending facts
-- and dead letters (state 'dead' with last_error and attempts, listed by signal.dead_letter, re-driven by
-- signal.redrive_dead_letter, both unchanged). outbox.event_id, which only done facts carried, goes.
-- The one-off purge below deletes the done facts of an existing database (one pass; inserts into the outbox
-- wait for this migration's transaction).

DELETE FROM signal.outbox WHERE state = 'done';

ALTER TABLE signal.outbox DROP CONSTRAINT ck_outbox_state;
ALTER TABLE signal.outbox ADD CONSTRAINT ck_outbox_state CHECK (state IN ('pending', 'dead'));
ALTER TABLE signal.outbox DROP COLUMN event_id;

COMMENT ON TABLE signal.outbox IS 'Layer 1: one row per captured fact, until it becomes an event. The worker claims pending rows (FOR UPDATE SKIP LOCKED) and, in the transaction that writes their event, deletes them (or marks them dead).';
COMMENT ON COLUMN signal.outbox.state IS 'pending: to process (again after next_attempt_at); dead: dead-lettered, last_error says why. A fact that became an event is deleted.';
COMMENT ON COLUMN signal.outbox.processed_at IS 'When the fact was dead-lettered (signal.dead_letter.dead_at).';

GRANT DELETE ON signal.outbox TO signal_capture;
