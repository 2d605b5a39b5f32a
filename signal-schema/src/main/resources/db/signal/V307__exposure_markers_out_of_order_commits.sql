-- Why: the ETag markers of V300/V305 missed changes committed out of order. A transaction stamps
-- updated_at / read_at with now() = its own start, so a state change that commits after a newer one
-- moved neither count(*), max(delivery_id), max(updated_at) nor max(read_at): a poller kept getting
-- 304 for an inbox whose read/acknowledged/resolved state had changed. The inbox marker now also
-- carries the number of deliveries in each state and the number of the actor's explicit reads (the
-- state counts come from the same index scan of the actor's deliveries; the reads from the index
-- ix_event_read_actor already probed), so every read, acknowledgement and resolution changes it
-- whenever it commits. The board marker cannot count exactly without scanning every event and read,
-- so its staleness is bounded instead: it also changes every 60 seconds, after which a poll gets the
-- full board again (a change committed out of order shows at most 60 s late).

CREATE OR REPLACE VIEW signal.v_inbox_marker AS
SELECT a.actor_ref AS recipient_ref,
       (SELECT concat_ws('.', count(*), max(d.delivery_id), extract(epoch FROM max(d.updated_at)),
                         count(*) FILTER (WHERE d.state = 'read'),
                         count(*) FILTER (WHERE d.state = 'acknowledged'),
                         count(*) FILTER (WHERE d.state = 'resolved'),
                         count(*) FILTER (WHERE d.state IN ('pending', 'delivered', 'failed')),
                         (SELECT concat_ws(':', count(*) FILTER (WHERE r.read_kind = 'read'), extract(epoch FROM max(r.read_at)))
                          FROM signal.event_read r WHERE r.actor_ref = a.actor_ref))
        FROM signal.delivery d
        WHERE d.recipient_ref = a.actor_ref AND d.channel = 'inbox') AS version
FROM signal.actor a;
COMMENT ON VIEW signal.v_inbox_marker IS
    'Change marker of each actor''s inbox and summary: deliveries (count, newest id, latest update, count per read/acknowledged/resolved/open state) and reads (explicit count, latest); equal markers mean nothing to send, also for changes committed out of order. Query with WHERE recipient_ref = ...';

CREATE OR REPLACE FUNCTION signal.board_version() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT concat_ws('.',
                     (SELECT extract(epoch FROM e.created_at) || ':' || e.event_id FROM signal.event e
                      ORDER BY e.created_at DESC, e.event_id DESC LIMIT 1),
                     (SELECT extract(epoch FROM r.read_at) FROM signal.event_read r ORDER BY r.read_at DESC LIMIT 1),
                     floor(extract(epoch FROM statement_timestamp()) / 60)::bigint)
$$;
COMMENT ON FUNCTION signal.board_version() IS
    'Cheap change marker of the board: newest event, newest read (two index probes) and the current minute, so an event or read committed out of order (stamped earlier than the newest) is shown at most 60 s late.';
