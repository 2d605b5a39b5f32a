-- Why: IU is the first domain of the universal pipeline (SPEC §6, seed 003 Q7 option C): its three source
-- tables capture into the universal outbox instead of a per-domain notification table. The host-platform
-- tables are optional (db/platform can be switched off on a live platform database that has its own), so each
-- onboarding is guarded: a missing table is skipped and can be onboarded later with the same call.
-- Payload columns are ids only; the body columns are never referenced.

DO $$
BEGIN
    IF to_regclass('public.unit_edit_comment') IS NOT NULL THEN
        PERFORM signal.onboard_table(
            p_table => 'public.unit_edit_comment'::regclass, p_domain => 'iu', p_event_type => 'comment_added',
            p_subject_type => 'unit_edit_comment', p_subject_ref_column => 'id', p_actor_column => 'author_ref',
            p_address_column => 'canonical_address', p_payload_columns => ARRAY['unit_id'],
            p_document_column => 'source_document_ref');
    END IF;
    IF to_regclass('public.unit_edit_draft') IS NOT NULL THEN
        PERFORM signal.onboard_table(
            p_table => 'public.unit_edit_draft'::regclass, p_domain => 'iu', p_event_type => 'draft_created',
            p_subject_type => 'unit_edit_draft', p_subject_ref_column => 'id', p_actor_column => 'author_ref',
            p_address_column => 'canonical_address', p_payload_columns => ARRAY['unit_id', 'status'],
            p_document_column => 'source_document_ref');
    END IF;
    IF to_regclass('public.unit_version') IS NOT NULL THEN
        PERFORM signal.onboard_table(
            p_table => 'public.unit_version'::regclass, p_domain => 'iu', p_event_type => 'version_applied',
            p_subject_type => 'unit_version', p_subject_ref_column => 'id', p_actor_column => 'applied_by',
            p_address_column => 'canonical_address', p_payload_columns => ARRAY['unit_id', 'draft_id', 'version_no'],
            p_document_column => 'source_document_ref');
    END IF;
END
$$;
