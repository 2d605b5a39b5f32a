-- Why: every inbox and summary answer carries an ETag built from the actor's change marker. Reading it
-- through signal.inbox_version() cost a second statement per request (and, being a SECURITY DEFINER SQL
-- function, a parse and plan of its body on every call). Measured at 1M deliveries / 10k actors
-- (ExposureBenchmark), that round trip and the re-planning were most of the API's overhead over the
-- bare query. As a view the marker can be joined into the page or summary statement itself (one round
-- trip, one snapshot: the tag always describes the rows it is sent with) and planned once per
-- prepared statement. The marker string is exactly signal.inbox_version(actor)'s, so tags issued by
-- either stay comparable.

CREATE VIEW signal.v_inbox_marker AS
SELECT a.actor_ref AS recipient_ref,
       (SELECT concat_ws('.', count(*), max(d.delivery_id), extract(epoch FROM max(d.updated_at)),
                         (SELECT extract(epoch FROM max(r.read_at)) FROM signal.event_read r WHERE r.actor_ref = a.actor_ref))
        FROM signal.delivery d
        WHERE d.recipient_ref = a.actor_ref AND d.channel = 'inbox') AS version
FROM signal.actor a;
COMMENT ON VIEW signal.v_inbox_marker IS
    'Change marker of each actor''s inbox and summary (deliveries and reads), identical to signal.inbox_version(actor): equal markers mean nothing to send. Query with WHERE recipient_ref = ...; two index probes.';

GRANT SELECT ON signal.v_inbox_marker TO signal_exposure;
