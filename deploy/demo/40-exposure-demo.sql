-- Demo identities for the exposure API (layer 5). Idempotent: loaded by scripts/run on every start.
-- DEMO ONLY: the agent token below is public (it is in this file); never load this file into a real platform.
--   agent:codex  Authorization: Bearer sgt_00000000000000000000000000000000000000000000000000000000de000001
--   (a reader: board, IU board, registries pivot; and its own inbox)
-- Real tokens: SELECT signal.issue_token('<actor>') returns a new one once.
SELECT signal.upsert_actor('agent:codex', 'ai_agent', 'Codex agent', NULL);
SELECT signal.upsert_actor('role:signal_readers', 'role', 'May read the board and the registries pivot', NULL);
SELECT signal.add_role_member('role:signal_readers', 'agent:codex');
SELECT signal.add_role_member('role:signal_readers', 'user:huyen')
WHERE EXISTS (SELECT 1 FROM signal.actor WHERE actor_ref = 'user:huyen');
INSERT INTO signal.agent_token (token_hash, actor_ref)
VALUES (sha256(convert_to('sgt_00000000000000000000000000000000000000000000000000000000de000001', 'UTF8')), 'agent:codex')
ON CONFLICT DO NOTHING;
