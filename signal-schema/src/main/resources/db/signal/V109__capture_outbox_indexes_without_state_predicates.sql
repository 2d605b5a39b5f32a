-- Why: capture overhead, the same cost V108 removed for the CHECK constraint. PostgreSQL compiles the
-- predicate of every partial index of a table once per executor run, and every capture trigger's INSERT is
-- its own run: the outbox's three partial indexes (ix_outbox_pending and ix_outbox_dead on state,
-- ix_outbox_pending_grouped on state and grouping_key) cost each captured insert ~13,000 of the ~142,000
-- instructions the trigger adds (callgrind, event-capture-service README "What capture costs a writer").
--
-- Now the state is not needed in any index predicate:
--   * a dead letter is never due: its next_attempt_at is 'infinity', and a pending fact's never is. The
--     trigger trg_outbox_due_follows_state keeps the two in step on every UPDATE that would break the rule
--     (dead-lettering by the worker, an operator's hand-written UPDATE; signal.redrive_dead_letter sets a
--     time itself). Inserts never set the state (V108) and pay nothing for it. So one plain index
--     (next_attempt_at, fact_id) serves the claim (pending facts due by now, which sort before every dead
--     letter) and the dead-letter list (next_attempt_at = 'infinity', newest fact_id first);
--   * the grouped index keeps only its cheap predicate, grouping_key IS NOT NULL (ungrouped facts, the IU
--     types, still add nothing to it), hence its new name ix_outbox_grouped; its few dead letters are
--     filtered out by the group queries' state test.
-- Locks: DROP INDEX takes an ACCESS EXCLUSIVE lock on the outbox until this migration commits, so capture
-- inserts, the worker and the dead-letter list wait for it; the builds are one pass each over an outbox that
-- holds only pending facts and dead letters (V108), i.e. brief unless a backlog is waiting.

DROP INDEX signal.ix_outbox_pending;
DROP INDEX signal.ix_outbox_dead;
DROP INDEX signal.ix_outbox_pending_grouped;

CREATE FUNCTION signal.outbox_due_follows_state() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF NEW.state = 'dead' THEN
        NEW.next_attempt_at := 'infinity';
    ELSE
        NEW.next_attempt_at := now(); -- pending with no time (infinity): set back by hand, due now
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION signal.outbox_due_follows_state() IS
    'Keeps next_attempt_at in step with the state: a dead letter is never due (infinity), a pending fact whose time is infinity is due now (trg_outbox_due_follows_state). One plain index then orders both the claimable facts and the dead letters.';

CREATE TRIGGER trg_outbox_due_follows_state
    BEFORE UPDATE ON signal.outbox
    FOR EACH ROW WHEN ((NEW.state = 'dead') IS DISTINCT FROM (NEW.next_attempt_at = 'infinity'))
    EXECUTE FUNCTION signal.outbox_due_follows_state();

UPDATE signal.outbox SET next_attempt_at = 'infinity' WHERE state = 'dead';

CREATE INDEX ix_outbox_due ON signal.outbox (next_attempt_at, fact_id);
COMMENT ON INDEX signal.ix_outbox_due IS
    'Every fact by when it is due: pending facts claimable now come first; dead letters sit at next_attempt_at = infinity, newest fact_id last.';

CREATE INDEX ix_outbox_grouped ON signal.outbox (event_domain, event_type, grouping_key, recorded_at)
    WHERE grouping_key IS NOT NULL;
COMMENT ON INDEX signal.ix_outbox_grouped IS
    'Facts that carry a grouping key (pending, and the few dead letters the group queries filter out), per (domain, type, key) by arrival: the capture worker finds closed groups and locks their members through it.';

CREATE OR REPLACE VIEW signal.dead_letter AS
SELECT o.fact_id, o.event_domain, o.event_type, o.event_subject_type, o.event_subject_ref, o.event_subject_table,
       o.actor_ref, o.source_system, o.grouping_key, o.attempts, o.last_error, o.occurred_at, o.recorded_at,
       o.processed_at AS dead_at
FROM signal.outbox o
WHERE o.state = 'dead' AND o.next_attempt_at = 'infinity';
COMMENT ON VIEW signal.dead_letter IS 'Dead-lettered facts (metadata only, no payload): why (last_error), how often tried. Re-drive with signal.redrive_dead_letter(fact_id). Read through ix_outbox_due (a dead letter is never due, V109).';

COMMENT ON COLUMN signal.outbox.next_attempt_at IS 'When the fact may be claimed (again): now() at capture, later after a failed attempt (back-off), infinity once dead-lettered, now() again when re-driven or set back to pending without a time (trg_outbox_due_follows_state).';
