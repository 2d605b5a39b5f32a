-- Why: finding closed groups (and locking a group's members) filtered the pending facts that have a
-- grouping key out of the whole outbox: no index covers grouping_key, and done facts stay in the outbox,
-- so the worker's group query, which runs on every pass (every few milliseconds while busy), was a
-- sequential scan whose cost grew with the outbox's history. This partial index holds only pending facts
-- with a grouping key (none for the ungrouped IU types, so their writers pay nothing for it); the group
-- queries read it and an outbox without open groups answers from an empty index.
-- Built without CONCURRENTLY (migrations run in a transaction): inserts into the outbox wait for the build,
-- one pass over the outbox.

CREATE INDEX ix_outbox_pending_grouped ON signal.outbox (event_domain, event_type, grouping_key, recorded_at)
    WHERE state = 'pending' AND grouping_key IS NOT NULL;
COMMENT ON INDEX signal.ix_outbox_pending_grouped IS
    'Pending facts that carry a grouping key, per (domain, type, key) by arrival: the capture worker finds closed groups and locks their members through it.';
