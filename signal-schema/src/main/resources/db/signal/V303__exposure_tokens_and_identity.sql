-- Why: identity comes only from the bearer token (SPEC §6). Humans bring a Directus access token (verified
-- by the service, mapped through signal.actor.directus_user_id); AI agents and services bring an agent
-- token issued here by signal.issue_token (SPEC §10). Only the SHA-256 of a token is stored, so a leaked
-- table grants nothing. Read permission (board, registries pivot) is membership of a configured signal
-- role (default role:signal_readers, see signal.add_role_member): the token carries the actor, the actor
-- carries the permission.

CREATE TABLE signal.agent_token (
    token_hash bytea       NOT NULL,
    actor_ref  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CONSTRAINT pk_agent_token PRIMARY KEY (token_hash),
    CONSTRAINT fk_agent_token_actor FOREIGN KEY (actor_ref) REFERENCES signal.actor (actor_ref) ON DELETE CASCADE,
    CONSTRAINT ck_agent_token_hash CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX ix_agent_token_actor ON signal.agent_token (actor_ref);
COMMENT ON TABLE signal.agent_token IS
    'Agent/service bearer tokens, stored as SHA-256 of the token text only. Issue with signal.issue_token, revoke with signal.revoke_tokens.';

CREATE FUNCTION signal.issue_token(actor_ref text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_token text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM signal.actor a WHERE a.actor_ref = issue_token.actor_ref) THEN
        RAISE EXCEPTION 'unknown actor %', issue_token.actor_ref USING ERRCODE = '23503',
            HINT = 'create it first with signal.upsert_actor';
    END IF;
    v_token := 'sgt_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
    INSERT INTO signal.agent_token (token_hash, actor_ref)
    VALUES (sha256(convert_to(v_token, 'UTF8')), issue_token.actor_ref);
    RETURN v_token;
END
$$;
COMMENT ON FUNCTION signal.issue_token(text) IS
    'Issues a new bearer token for an existing actor and returns it once (sgt_ + 64 hex, 244 random bits); only its SHA-256 is kept. Earlier tokens stay valid until revoked.';

CREATE FUNCTION signal.revoke_tokens(actor_ref text) RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    WITH revoked AS (
        UPDATE signal.agent_token t SET revoked_at = now()
        WHERE t.actor_ref = revoke_tokens.actor_ref AND t.revoked_at IS NULL
        RETURNING 1
    )
    SELECT count(*)::integer FROM revoked
$$;
COMMENT ON FUNCTION signal.revoke_tokens(text) IS
    'Revokes every live token of an actor; returns how many. Services cache identities briefly (signal.exposure.identity-cache-ttl).';

CREATE FUNCTION signal.exposure_identity(p_token_hash bytea, p_directus_user uuid, p_read_role text)
    RETURNS TABLE (actor_ref text, kind text, is_reader boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT a.actor_ref, a.kind,
           EXISTS (SELECT 1 FROM signal.role_member m WHERE m.role_ref = p_read_role AND m.member_ref = a.actor_ref)
    FROM signal.actor a
    WHERE (p_token_hash IS NOT NULL
           AND a.actor_ref = (SELECT t.actor_ref FROM signal.agent_token t
                              WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL))
       OR (p_directus_user IS NOT NULL AND a.directus_user_id = p_directus_user)
    LIMIT 1
$$;
COMMENT ON FUNCTION signal.exposure_identity(bytea, uuid, text) IS
    'Resolves a bearer identity to an actor: by agent token hash, or by Directus user id; is_reader = member of p_read_role. No row = unknown.';

REVOKE ALL ON FUNCTION signal.issue_token(text), signal.revoke_tokens(text), signal.exposure_identity(bytea, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal.exposure_identity(bytea, uuid, text) TO signal_exposure;
