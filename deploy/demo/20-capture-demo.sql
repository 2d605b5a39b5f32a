-- Demo facts for layers 1-3 (event-capture-service). Idempotent: loaded by scripts/run on every start; fixed
-- ids with ON CONFLICT DO NOTHING, so the capture triggers fire only the first time. Needs the host-platform
-- reference tables (db/platform); skipped without them.
DO $$
BEGIN
    IF to_regclass('public.unit_edit_comment') IS NULL THEN
        RAISE NOTICE 'db/platform not applied: no IU demo facts';
        RETURN;
    END IF;
    INSERT INTO public.information_unit (id, canonical_address, title, body, created_by)
    VALUES ('00000000-0000-4000-8000-000000000201', 'iu/demo/dieu-44', 'Điều 44 — triển khai', 'demo body (never leaves PostgreSQL)', 'user:huyen')
    ON CONFLICT DO NOTHING;
    -- comment_added (comment stream), draft_created (review), version_applied (update; resolves the draft)
    INSERT INTO public.unit_edit_comment (id, unit_id, canonical_address, author_ref, body, source_document_ref)
    VALUES ('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000201', 'iu/demo/dieu-44', 'gpt',
            'demo comment body', 'doc:demo-44')
    ON CONFLICT DO NOTHING;
    INSERT INTO public.unit_edit_draft (id, unit_id, canonical_address, author_ref, body, source_document_ref)
    VALUES ('00000000-0000-4000-8000-000000000203', '00000000-0000-4000-8000-000000000201', 'iu/demo/dieu-44', 'opus',
            'demo draft body', 'doc:demo-44')
    ON CONFLICT DO NOTHING;
    INSERT INTO public.unit_version (id, unit_id, canonical_address, draft_id, version_no, body, applied_by, source_document_ref)
    VALUES ('00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000201', 'iu/demo/dieu-44',
            '00000000-0000-4000-8000-000000000203', 1, 'demo version body', 'user:huyen', 'doc:demo-44')
    ON CONFLICT DO NOTHING;
END
$$;

-- A grouped fact family (tac/text_unit_born, window 2 s) and one poison fact for the dead-letter endpoints,
-- emitted once (guarded by the correlation id).
DO $$
BEGIN
    -- a fact leaves the outbox when it becomes an event (V108): look in both
    IF NOT EXISTS (SELECT 1 FROM signal.outbox WHERE correlation_id = 'demo:capture')
       AND NOT EXISTS (SELECT 1 FROM signal.event WHERE correlation_id = 'demo:capture') THEN
        PERFORM signal.emit(p_domain => 'tac', p_event_type => 'text_unit_born', p_actor_ref => 'agent:codex',
                            p_grouping_key => 'doc:demo-44', p_source_document_ref => 'doc:demo-44',
                            p_correlation_id => 'demo:capture', p_safe_payload => jsonb_build_object('seq', g))
        FROM generate_series(1, 5) g;
        PERFORM signal.emit(p_domain => 'iu', p_event_type => 'activity_logged', p_actor_ref => 'agent:codex',
                            p_correlation_id => 'demo:capture');
    END IF;
END
$$;
