-- Demo recipients and subscriptions for the notification router (layer 4). Idempotent: loaded by
-- scripts/run on every start. Actor conventions of seed 001: gpt, opus, agent:codex, reviewer:gpt, user:huyen.
SELECT signal.upsert_actor('user:huyen',     'human',    'Huyen',                 NULL);
SELECT signal.upsert_actor('gpt',            'ai_agent', 'GPT',                   NULL);
SELECT signal.upsert_actor('opus',           'ai_agent', 'Claude Opus',           NULL);
SELECT signal.upsert_actor('agent:codex',    'ai_agent', 'Codex agent',           NULL);
SELECT signal.upsert_actor('reviewer:gpt',   'agency',   'GPT review agency',     NULL);
SELECT signal.upsert_actor('role:reviewers', 'role',     'Reviewers',             NULL);
SELECT signal.upsert_actor('role:ops',       'role',     'Operations on-call',    NULL);
SELECT signal.upsert_actor('system:scan',    'system',   'Birth-onboarding scan', NULL);

SELECT signal.add_role_member('role:reviewers', 'reviewer:gpt');
SELECT signal.add_role_member('role:reviewers', 'opus');
SELECT signal.add_role_member('role:ops', 'user:huyen');
SELECT signal.add_role_member('role:ops', 'agent:codex');

-- subscriber, domain, event_type, event_stream, subject_ref, min_severity, channel, muted
SELECT signal.subscribe('user:huyen',     'iu',             NULL, NULL,     NULL, NULL,      'inbox', false);
SELECT signal.subscribe('role:reviewers', 'iu',             NULL, 'review', NULL, NULL,      'inbox', false);
SELECT signal.subscribe('gpt',            'iu',             'comment_added', NULL, NULL, NULL, 'inbox', false);
SELECT signal.subscribe('reviewer:gpt',   'governance',     NULL, NULL,     NULL, NULL,      'inbox', false);
SELECT signal.subscribe('role:ops',       'birth_registry', NULL, NULL,     NULL, 'warning', 'inbox', false);
SELECT signal.subscribe('role:ops',       'system',         NULL, NULL,     NULL, 'warning', 'inbox', false);
SELECT signal.subscribe('agent:codex',    'dot',            NULL, NULL,     NULL, NULL,      'inbox', false);
-- kept for audit: opus muted comments (deliveries are written as suppressed)
SELECT signal.subscribe('opus',           'iu',             'comment_added', NULL, NULL, NULL, 'inbox', true);
