-- Why: seed 003 Q7 option C: the names of the deployed IU notification runtime stay valid with the same
-- signatures, as wrappers over the universal tables (IU is the first domain, not the owner):
-- iu_notification_event / iu_notification_read (views with the seed's column names), fn_iu_unread,
-- fn_iu_mark_read, fn_iu_notification_board, and the board view v_iu_notification_board (seed 001 §E,
-- metadata only). On a host database that still has the original IU tables or functions (owned by
-- another role), those are left untouched: each object is created only where its name is free or ours.

CREATE FUNCTION signal.iu_unit_id(p_payload jsonb) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT CASE WHEN p_payload ->> 'unit_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN (p_payload ->> 'unit_id')::uuid END
$$;
COMMENT ON FUNCTION signal.iu_unit_id(jsonb) IS
    'The information unit of an IU event: the IU capture (V101) puts unit_id in safe_payload; the subject is the comment, draft or version (the IU ref_id).';

DO $do$
BEGIN
    IF to_regclass('public.iu_notification_event') IS NULL THEN
        CREATE VIEW public.iu_notification_event AS
        SELECT e.event_id AS id,
               e.event_type,
               e.event_stream,
               signal.iu_unit_id(e.safe_payload) AS unit_id,
               coalesce(e.canonical_address, '') AS canonical_address,
               e.event_subject_ref AS ref_id,
               coalesce(e.actor_ref, '') AS actor_ref,
               coalesce(e.event_subject_table, e.source_system) AS source,
               e.safe_payload AS payload,
               e.created_at
        FROM signal.event e
        WHERE e.event_domain = 'iu';
        COMMENT ON VIEW public.iu_notification_event IS
            'IU compatibility (seed 003 Q7 C): the IU domain of signal.event with the columns of the original IU table.';
        GRANT SELECT ON public.iu_notification_event TO signal_exposure;
    ELSE
        RAISE NOTICE 'public.iu_notification_event exists already (host IU runtime): left as it is';
    END IF;

    IF to_regclass('public.iu_notification_read') IS NULL THEN
        CREATE VIEW public.iu_notification_read AS
        SELECT md5(r.event_id::text || '/' || r.actor_ref)::uuid AS id,
               r.event_id,
               r.actor_ref,
               r.read_at
        FROM signal.event_read r
        JOIN signal.event e ON e.event_id = r.event_id AND e.event_domain = 'iu';
        COMMENT ON VIEW public.iu_notification_read IS
            'IU compatibility (seed 003 Q7 C): per-actor read state of IU events (explicit and implicit_self), with a stable id per (event, actor).';
        GRANT SELECT ON public.iu_notification_read TO signal_exposure;
    ELSE
        RAISE NOTICE 'public.iu_notification_read exists already (host IU runtime): left as it is';
    END IF;
END
$do$;

CREATE VIEW public.v_iu_notification_board AS
SELECT b.event_id AS id,
       b.event_type,
       b.event_stream,
       signal.iu_unit_id(e.safe_payload) AS unit_id,
       b.event_subject_ref AS ref_id,
       coalesce(b.canonical_address, '') AS canonical_address,
       b.actor_ref,
       b.created_at,
       b.read_count,
       b.latest_readers
FROM public.v_signal_board b
JOIN signal.event e ON e.event_id = b.event_id
WHERE b.event_domain = 'iu';
COMMENT ON VIEW public.v_iu_notification_board IS
    'Seed 001 §E: IU notification board, metadata only (no body, no payload): every IU event with its read count and latest 5 readers.';
GRANT SELECT ON public.v_iu_notification_board TO signal_exposure;

DO $do$
DECLARE
    v_owner text;
    v_sig   text;
BEGIN
    FOREACH v_sig IN ARRAY ARRAY['public.fn_iu_unread(text,text,boolean,integer)',
                                 'public.fn_iu_mark_read(uuid[],text)',
                                 'public.fn_iu_notification_board(text,text,integer)'] LOOP
        SELECT pg_get_userbyid(p.proowner) INTO v_owner FROM pg_proc p WHERE p.oid = to_regprocedure(v_sig);
        IF v_owner IS NOT NULL AND v_owner <> current_user THEN
            RAISE NOTICE '% is owned by % (host IU runtime): left as it is', v_sig, v_owner;
            CONTINUE;
        END IF;
        IF v_sig LIKE 'public.fn_iu_unread%' THEN
            CREATE OR REPLACE FUNCTION public.fn_iu_unread(p_actor text, p_stream text, p_include_self boolean, p_limit integer)
                RETURNS SETOF jsonb
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog
            AS $fn$
                SELECT jsonb_build_object('id', e.event_id, 'event_type', e.event_type, 'event_stream', e.event_stream,
                                          'unit_id', signal.iu_unit_id(e.safe_payload), 'canonical_address', coalesce(e.canonical_address, ''),
                                          'ref_id', e.event_subject_ref, 'actor_ref', coalesce(e.actor_ref, ''),
                                          'source', coalesce(e.event_subject_table, e.source_system),
                                          'payload', e.safe_payload, 'created_at', e.created_at,
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
                'IU compatibility: IU events not read by p_actor, newest first; p_include_self also lists events p_actor caused (implicit self-read); p_limit 1..500 (default 50).';
        ELSIF v_sig LIKE 'public.fn_iu_mark_read%' THEN
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
                WHERE d.recipient_ref = p_actor AND d.channel = 'inbox' AND d.event_id = ANY (p_event_ids)
                  AND d.state IN ('pending', 'delivered', 'failed');
                RETURN jsonb_build_object('actor_ref', p_actor,
                                          'requested', (SELECT count(DISTINCT x) FROM unnest(p_event_ids) x),
                                          'marked', v_marked);
            END
            $fn$;
            COMMENT ON FUNCTION public.fn_iu_mark_read(uuid[], text) IS
                'IU compatibility: marks IU events read for p_actor (per actor, never a global flag) and moves p_actor''s open inbox deliveries of them to read; idempotent. Returns {actor_ref, requested, marked}.';
        ELSE
            CREATE OR REPLACE FUNCTION public.fn_iu_notification_board(p_actor text DEFAULT NULL, p_stream text DEFAULT NULL,
                                                                       p_limit integer DEFAULT 50)
                RETURNS SETOF jsonb
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog
            AS $fn$
                SELECT to_jsonb(b) || CASE WHEN p_actor IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('is_read',
                           EXISTS (SELECT 1 FROM signal.event_read r WHERE r.event_id = b.id AND r.actor_ref = p_actor)) END
                FROM public.v_iu_notification_board b
                WHERE (p_stream IS NULL OR b.event_stream = p_stream)
                ORDER BY b.created_at DESC, b.id DESC
                LIMIT least(greatest(coalesce(p_limit, 50), 1), 500)
            $fn$;
            COMMENT ON FUNCTION public.fn_iu_notification_board(text, text, integer) IS
                'IU compatibility: the IU board (metadata, read count, latest 5 readers), newest first; with p_actor, is_read for that actor.';
        END IF;
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_sig);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO signal_exposure', v_sig);
    END LOOP;
END
$do$;
