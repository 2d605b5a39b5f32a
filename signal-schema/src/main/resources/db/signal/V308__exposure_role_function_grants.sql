-- Why: signal_exposure should execute only the functions the exposure API calls (SPEC §6: "EXECUTE
-- on the few write functions"). It still had EXECUTE on signal.mark_event_read (V102, the capture
-- layer's raw read marker, which skips the inbox's delivered-to-the-caller check of signal.mark_read)
-- and on signal.inbox_version, unused since V305 replaced it by the view signal.v_inbox_marker (and
-- no longer equal to that marker since V307). The grant is revoked and the unused function dropped.

REVOKE EXECUTE ON FUNCTION signal.mark_event_read(uuid[], text) FROM signal_exposure;

DROP FUNCTION signal.inbox_version(text);
