-- Why: administration is PostgreSQL-first (SPEC §10): operators, agents, migrations and Directus register
-- actors, role membership and subscriptions by calling idempotent SQL functions, never by hand-written
-- INSERTs that differ from one caller to the next. Calling any of them twice leaves the same state.

CREATE FUNCTION signal.upsert_actor(actor_ref text, kind text, display_name text DEFAULT NULL,
                                    directus_user_id uuid DEFAULT NULL) RETURNS text
    LANGUAGE sql
AS $$
    INSERT INTO signal.actor AS a (actor_ref, kind, display_name, directus_user_id)
    VALUES (upsert_actor.actor_ref, upsert_actor.kind, upsert_actor.display_name, upsert_actor.directus_user_id)
    ON CONFLICT ON CONSTRAINT pk_actor DO UPDATE
        SET kind             = excluded.kind,
            display_name     = coalesce(excluded.display_name, a.display_name),
            directus_user_id = coalesce(excluded.directus_user_id, a.directus_user_id)
    RETURNING a.actor_ref
$$;
COMMENT ON FUNCTION signal.upsert_actor(text, text, text, uuid) IS
    'Registers or updates an actor (kind human, ai_agent, agency, role, system); a NULL display name or Directus user id keeps the stored one. Idempotent; returns actor_ref.';

CREATE FUNCTION signal.add_role_member(role_ref text, actor_ref text) RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM signal.actor a WHERE a.actor_ref = add_role_member.role_ref) THEN
        RAISE EXCEPTION 'unknown role %', add_role_member.role_ref USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM signal.actor a WHERE a.actor_ref = add_role_member.actor_ref) THEN
        RAISE EXCEPTION 'unknown actor %', add_role_member.actor_ref USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO signal.role_member (role_ref, member_ref)
    VALUES (add_role_member.role_ref, add_role_member.actor_ref)
    ON CONFLICT ON CONSTRAINT pk_role_member DO NOTHING;
    RETURN FOUND;
END
$$;
COMMENT ON FUNCTION signal.add_role_member(text, text) IS
    'Adds an actor to a role/group (both must be registered). Idempotent; returns true when the membership is new.';

CREATE FUNCTION signal.subscribe(subscriber_ref text, domain text, event_type text DEFAULT NULL,
                                 event_stream text DEFAULT NULL, subject_ref uuid DEFAULT NULL,
                                 min_severity text DEFAULT NULL, channel text DEFAULT 'inbox',
                                 muted boolean DEFAULT false) RETURNS uuid
    LANGUAGE sql
AS $$
    INSERT INTO signal.subscription AS s (subscriber_ref, event_domain, event_type, event_stream, subject_ref,
                                          min_severity, channel, muted)
    VALUES (subscribe.subscriber_ref, subscribe.domain, subscribe.event_type, subscribe.event_stream,
            subscribe.subject_ref, subscribe.min_severity, coalesce(subscribe.channel, 'inbox'),
            coalesce(subscribe.muted, false))
    ON CONFLICT ON CONSTRAINT uq_subscription DO UPDATE SET muted = excluded.muted
    RETURNING s.subscription_id
$$;
COMMENT ON FUNCTION signal.subscribe(text, text, text, text, uuid, text, text, boolean) IS
    'Subscribes an actor (or a role: it fans out to the members) to a domain, optionally narrowed by type, stream, subject and minimum severity (NULL = any), on a channel (inbox, webhook, email). Idempotent: the same filter returns the same id and only updates muted.';

REVOKE ALL ON FUNCTION signal.upsert_actor(text, text, text, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION signal.add_role_member(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION signal.subscribe(text, text, text, text, uuid, text, text, boolean) FROM PUBLIC;
