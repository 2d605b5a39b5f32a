-- Why: the IU compatibility objects of V302 leaked restricted payloads. public.fn_iu_unread and the
-- view public.iu_notification_event returned e.safe_payload whatever payload_classification said,
-- while every other exposure read (signal.v_inbox, signal.event_for_actor) blanks a payload that is
-- not 'safe_metadata'. Both now apply the same rule (the seed signatures and column names are
-- unchanged). Also, public.fn_iu_mark_read moved the caller's open inbox delivery of ANY event id it
-- was given to 'read' (with no signal.event_read row for a non-IU event): its delivery update is now
-- limited to IU events, like its insert. IU read state stays per actor (seed 001: no global read flag);
-- an IU event is visible to everyone allowed to read the IU board, so marking one read is allowed
-- to the same callers (the HTTP layer requires the read role for /unread and /read).
-- As in V302, an object owned by another role (a host database still running the original IU
-- runtime) is left untouched.

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
               signal.iu_unit_id(e.safe_payload) AS unit_id,
               coalesce(e.canonical_address, '') AS canonical_address,
               e.event_subject_ref AS ref_id,
               coalesce(e.actor_ref, '') AS actor_ref,
               coalesce(e.event_subject_table, e.source_system) AS source,
               CASE WHEN e.payload_classification = 'safe_metadata' THEN e.safe_payload ELSE '{}'::jsonb END AS payload,
               e.created_at
        FROM signal.event e
        WHERE e.event_domain = 'iu';
        COMMENT ON VIEW public.iu_notification_event IS
            'IU compatibility (seed 003 Q7 C): the IU domain of signal.event with the columns of the original IU table; payload is {} unless classified safe_metadata.';
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
                                      'unit_id', signal.iu_unit_id(e.safe_payload), 'canonical_address', coalesce(e.canonical_address, ''),
                                      'ref_id', e.event_subject_ref, 'actor_ref', coalesce(e.actor_ref, ''),
                                      'source', coalesce(e.event_subject_table, e.source_system),
                                      'payload', CASE WHEN e.payload_classification = 'safe_metadata' THEN e.safe_payload ELSE '{}'::jsonb END,
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
        COMMENT ON FUNCTION public.fn_iu_unread(text, text, boolean, integer) IS
            'IU compatibility: IU events not read by p_actor, newest first; p_include_self also lists events p_actor caused (implicit self-read); p_limit 1..500 (default 50); payload is {} unless classified safe_metadata.';
    ELSE
        RAISE NOTICE 'public.fn_iu_unread is not ours (host IU runtime): left as it is';
    END IF;

    SELECT pg_get_userbyid(p.proowner) INTO v_owner
    FROM pg_proc p WHERE p.oid = to_regprocedure('public.fn_iu_mark_read(uuid[],text)');
    IF v_owner = current_user THEN
        CREATE OR REPLACE FUNCTION public.fn_iu_mark_read(p_event_ids uuid[], p_actor text)
            RETURNS jsonb
            LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog
        AS $fn$
        DECLARE
            v_marked integer;
        BEGIN
            IF p_actor IS NULL OR p_actor = '' OR p_event_ids IS NULL THEN
                RAISE EXCEPTION 'actor and event ids are required' USING ERRCODE = '22004';
            END IF;
            WITH ins AS (
                INSERT INTO signal.event_read (event_id, actor_ref, read_kind)
                SELECT e.event_id, p_actor, 'read'
                FROM signal.event e
                WHERE e.event_id = ANY (p_event_ids) AND e.event_domain = 'iu'
                ON CONFLICT ON CONSTRAINT pk_event_read DO UPDATE SET read_kind = 'read', read_at = now()
                    WHERE signal.event_read.read_kind <> 'read'
                RETURNING event_id
            )
            SELECT count(*) INTO v_marked FROM ins;
            UPDATE signal.delivery d
            SET state = 'read', read_at = coalesce(d.read_at, now()), updated_at = now()
            FROM signal.event e
            WHERE e.event_id = d.event_id AND e.event_domain = 'iu'
              AND d.recipient_ref = p_actor AND d.channel = 'inbox' AND d.event_id = ANY (p_event_ids)
              AND d.state IN ('pending', 'delivered', 'failed');
            RETURN jsonb_build_object('actor_ref', p_actor,
                                      'requested', (SELECT count(DISTINCT x) FROM unnest(p_event_ids) x),
                                      'marked', v_marked);
        END
        $fn$;
        COMMENT ON FUNCTION public.fn_iu_mark_read(uuid[], text) IS
            'IU compatibility: marks IU events read for p_actor (per actor, never a global flag) and moves p_actor''s open inbox deliveries of those IU events to read; ids of other domains are ignored; idempotent. Returns {actor_ref, requested, marked}.';
    ELSE
        RAISE NOTICE 'public.fn_iu_mark_read is not ours (host IU runtime): left as it is';
    END IF;
END
$do$;
