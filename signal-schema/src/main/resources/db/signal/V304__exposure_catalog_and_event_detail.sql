-- Why: the exposure API validates filter values (domain, event type) before any query of events, against
-- the registered catalog, and shows one envelope only to an actor who may see it (a delivery to the
-- actor, or the actor caused it): both need read paths that do not grant the service the tables.

CREATE VIEW signal.v_event_catalog AS
SELECT t.event_domain, t.event_type, t.event_stream, t.default_severity
FROM signal.event_type t;
COMMENT ON VIEW signal.v_event_catalog IS 'Registered (domain, type, stream) triples: the allow-list the exposure API checks filter values against.';

CREATE FUNCTION signal.event_for_actor(p_actor text, p_event_id uuid) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT to_jsonb(e) - 'safe_payload'
           || jsonb_build_object('safe_payload',
                                 CASE WHEN e.payload_classification = 'safe_metadata' THEN e.safe_payload ELSE '{}'::jsonb END,
                                 'deliveries',
                                 coalesce((SELECT jsonb_agg(jsonb_build_object('delivery_id', d.delivery_id, 'channel', d.channel,
                                                                               'state', d.state, 'read_at', d.read_at,
                                                                               'acknowledged_at', d.acknowledged_at)
                                                            ORDER BY d.delivery_id)
                                           FROM signal.delivery d
                                           WHERE d.event_id = e.event_id AND d.recipient_ref = p_actor), '[]'::jsonb),
                                 'read_kind',
                                 (SELECT r.read_kind FROM signal.event_read r WHERE r.event_id = e.event_id AND r.actor_ref = p_actor))
    FROM signal.event e
    WHERE e.event_id = p_event_id
      AND (e.actor_ref = p_actor
           OR EXISTS (SELECT 1 FROM signal.delivery d
                      WHERE d.event_id = e.event_id AND d.recipient_ref = p_actor AND d.state <> 'suppressed'))
$$;
COMMENT ON FUNCTION signal.event_for_actor(text, uuid) IS
    'One event envelope (restricted payload blanked) with the actor''s own deliveries and read kind, or NULL when the actor neither caused it nor has a (non-suppressed) delivery of it.';

REVOKE ALL ON FUNCTION signal.event_for_actor(text, uuid) FROM PUBLIC;
GRANT SELECT ON signal.v_event_catalog TO signal_exposure;
GRANT EXECUTE ON FUNCTION signal.event_for_actor(text, uuid) TO signal_exposure;
