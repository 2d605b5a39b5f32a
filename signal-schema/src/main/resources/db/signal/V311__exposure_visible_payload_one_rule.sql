-- Why: the rule "a payload not classified safe_metadata leaves the platform as {}" was written out five
-- times (signal.v_inbox, signal.event_for_actor, public.iu_notification_event, public.fn_iu_unread and the
-- router's webhook claim), and the copies drifted: V306 had to add it to the IU objects, and the webhook
-- body carried restricted payloads until stop 10. The rule now lives in two functions, and every read path
-- names them:
--   * signal.visible_payload(classification, payload): the payload as readers may see it;
--   * signal.event_envelope(event): an event row as JSON, its payload through visible_payload (the event
--     detail endpoint and the webhook body).
-- What the IU views derive from the payload (unit_id) goes through the same rule: a restricted payload
-- yields no unit_id (V302/V306 read it from the raw payload); the event's subject ref stays, as everywhere.
-- Both are plain SQL with invoker rights. visible_payload is IMMUTABLE and the planner inlines it: the
-- inbox statement's plan is the same expression as before (EXPLAIN VERBOSE). event_envelope is STABLE
-- (to_jsonb writes timestamps in the session's TimeZone) and serves one event per call. Like
-- signal.iu_unit_id they stay executable by PUBLIC: invoker rights, and they touch no table, so they grant
-- nothing; a view or function that names them needs its reader to be able to execute them. Column names and types of the views are unchanged; as in V302/V306 an IU object
-- owned by another role (a host database running the original IU runtime) is left untouched.

CREATE FUNCTION signal.visible_payload(p_classification text, p_payload jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN p_classification = 'safe_metadata' THEN p_payload ELSE '{}'::jsonb END
$$;
COMMENT ON FUNCTION signal.visible_payload(text, jsonb) IS
    'The payload as it may leave the platform: itself when classified safe_metadata, {} otherwise (restricted). Every read path and the webhook body use it.';

CREATE FUNCTION signal.event_envelope(p_event signal.event) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT (to_jsonb(p_event) - 'safe_payload')
           || jsonb_build_object('safe_payload', signal.visible_payload(p_event.payload_classification, p_event.safe_payload))
$$;
COMMENT ON FUNCTION signal.event_envelope(signal.event) IS
    'An event as JSON (the SPEC envelope, every column of signal.event) with its payload through signal.visible_payload.';

CREATE OR REPLACE VIEW signal.v_inbox AS
SELECT d.delivery_id,
       d.recipient_ref,
       d.state,
       d.via_role,
       d.created_at AS delivered_at,
       d.read_at,
       d.acknowledged_at,
       d.resolved_at,
       d.updated_at,
       (d.state IN ('pending', 'delivered', 'failed')
           AND NOT EXISTS (SELECT 1 FROM signal.event_read r
                           WHERE r.event_id = d.event_id AND r.actor_ref = d.recipient_ref AND r.read_kind = 'read')) AS unread,
       e.event_id,
       e.event_domain,
       e.event_type,
       e.event_stream,
       e.event_severity,
       e.event_subject_type,
       e.event_subject_ref,
       e.canonical_address,
       e.actor_ref,
       e.correlation_id,
       e.payload_classification,
       signal.visible_payload(e.payload_classification, e.safe_payload) AS safe_payload,
       e.created_at,
       e.occurred_at
FROM signal.delivery d
JOIN signal.event e ON e.event_id = d.event_id
WHERE d.channel = 'inbox'
  AND d.state <> 'suppressed';

CREATE OR REPLACE FUNCTION signal.event_for_actor(p_actor text, p_event_id uuid) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT signal.event_envelope(e)
           || jsonb_build_object('deliveries',
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

CREATE OR REPLACE VIEW public.v_iu_notification_board AS
SELECT b.event_id AS id,
       b.event_type,
       b.event_stream,
       signal.iu_unit_id(signal.visible_payload(e.payload_classification, e.safe_payload)) AS unit_id,
       b.event_subject_ref AS ref_id,
       coalesce(b.canonical_address, '') AS canonical_address,
       b.actor_ref,
       b.created_at,
       b.read_count,
       b.latest_readers
FROM public.v_signal_board b
JOIN signal.event e ON e.event_id = b.event_id
WHERE b.event_domain = 'iu';

DO $do$
DECLARE
    v_owner text;
BEGIN
    SELECT pg_get_userbyid(c.relowner) INTO v_owner
    FROM pg_class c WHERE c.oid = to_regclass('public.iu_notification_event') AND c.relkind = 'v';
    IF v_owner = current_user THEN
        CREATE OR REPLACE VIEW public.iu_notification_event AS
        SELECT e.event_id AS id,
               e.event_type,
               e.event_stream,
               signal.iu_unit_id(signal.visible_payload(e.payload_classification, e.safe_payload)) AS unit_id,
               coalesce(e.canonical_address, '') AS canonical_address,
               e.event_subject_ref AS ref_id,
               coalesce(e.actor_ref, '') AS actor_ref,
               coalesce(e.event_subject_table, e.source_system) AS source,
               signal.visible_payload(e.payload_classification, e.safe_payload) AS payload,
               e.created_at
        FROM signal.event e
        WHERE e.event_domain = 'iu';
    ELSE
        RAISE NOTICE 'public.iu_notification_event is not ours (host IU runtime): left as it is';
    END IF;

    SELECT pg_get_userbyid(p.proowner) INTO v_owner
    FROM pg_proc p WHERE p.oid = to_regprocedure('public.fn_iu_unread(text,text,boolean,integer)');
    IF v_owner = current_user THEN
        CREATE OR REPLACE FUNCTION public.fn_iu_unread(p_actor text, p_stream text, p_include_self boolean, p_limit integer)
            RETURNS SETOF jsonb
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog
        AS $fn$
            SELECT jsonb_build_object('id', e.event_id, 'event_type', e.event_type, 'event_stream', e.event_stream,
                                      'unit_id', signal.iu_unit_id(signal.visible_payload(e.payload_classification, e.safe_payload)), 'canonical_address', coalesce(e.canonical_address, ''),
                                      'ref_id', e.event_subject_ref, 'actor_ref', coalesce(e.actor_ref, ''),
                                      'source', coalesce(e.event_subject_table, e.source_system),
                                      'payload', signal.visible_payload(e.payload_classification, e.safe_payload),
                                      'created_at', e.created_at,
                                      'is_self', (e.actor_ref = p_actor))
            FROM signal.event e
            WHERE e.event_domain = 'iu'
              AND (p_stream IS NULL OR e.event_stream = p_stream)
              AND NOT EXISTS (SELECT 1 FROM signal.event_read r
                              WHERE r.event_id = e.event_id AND r.actor_ref = p_actor
                                AND (r.read_kind = 'read' OR NOT coalesce(p_include_self, false)))
              AND (coalesce(p_include_self, false) OR e.actor_ref IS DISTINCT FROM p_actor)
            ORDER BY e.created_at DESC, e.event_id DESC
            LIMIT least(greatest(coalesce(p_limit, 50), 1), 500)
        $fn$;
    ELSE
        RAISE NOTICE 'public.fn_iu_unread is not ours (host IU runtime): left as it is';
    END IF;
END
$do$;
