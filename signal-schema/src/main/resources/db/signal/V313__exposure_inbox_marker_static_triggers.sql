-- Why: the inbox marker triggers of V309 built their query as text and ran it with EXECUTE, so PostgreSQL
-- parsed and planned it on every statement that touched signal.delivery or signal.event_read, and then
-- called signal.bump_inbox_markers even with no actor to bump (a SQL function whose INSERT is planned on
-- every call). Statement triggers fire even when the statement changed no row that matters: the capture
-- worker's batch statement inserts only implicit_self reads, which never change an inbox, and still paid
-- for both on every pass. Measured with pgbench on two copies of one database (one comment insert plus one
-- worker batch statement per transaction, prepared, alternating rounds of 5 s on a 2-core host): with the
-- V309 trigger 1.48-2.19 ms (median 1.77, 8 rounds), with the functions below 1.12-1.78 ms (median 1.58); a
-- first form of this change (the same static statements, the empty check in each trigger) gave 1.31-1.47
-- against 1.06-1.16 ms in a quieter hour. The router's delivery statements and read/ack paid the same
-- planning. Now signal.bump_inbox_markers is PL/pgSQL (its INSERT planned once per session)
-- and returns at once when it has no actor, and there is one trigger function per table with static
-- statements (PL/pgSQL keeps their plans per trigger). The same rows count as in V309: inbox deliveries by
-- recipient, explicit reads (read_kind 'read') by actor; an update counts its old and new rows, bumped in one
-- call (one pass over the marker rows in actor order, as before).

CREATE OR REPLACE FUNCTION signal.bump_inbox_markers(p_actors text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF cardinality(p_actors) > 0 THEN
        INSERT INTO signal.inbox_marker AS m (actor_ref, version)
        SELECT DISTINCT a, 1 FROM unnest(p_actors) a WHERE a IS NOT NULL ORDER BY a
        ON CONFLICT ON CONSTRAINT pk_inbox_marker DO UPDATE SET version = m.version + 1;
    END IF;
END
$$;

CREATE FUNCTION signal.trg_delivery_inbox_marker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_actors text[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        v_actors := ARRAY(SELECT t.recipient_ref FROM new_rows t WHERE t.channel = 'inbox');
    END IF;
    IF TG_OP <> 'INSERT' THEN
        v_actors := v_actors || ARRAY(SELECT t.recipient_ref FROM old_rows t WHERE t.channel = 'inbox');
    END IF;
    PERFORM signal.bump_inbox_markers(v_actors);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.trg_delivery_inbox_marker() IS
    'Statement trigger on signal.delivery: bumps the inbox marker of every recipient whose inbox rows the statement inserted, updated or deleted.';
REVOKE ALL ON FUNCTION signal.trg_delivery_inbox_marker() FROM PUBLIC;

CREATE FUNCTION signal.trg_event_read_inbox_marker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    v_actors text[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        v_actors := ARRAY(SELECT t.actor_ref FROM new_rows t WHERE t.read_kind = 'read');
    END IF;
    IF TG_OP <> 'INSERT' THEN
        v_actors := v_actors || ARRAY(SELECT t.actor_ref FROM old_rows t WHERE t.read_kind = 'read');
    END IF;
    PERFORM signal.bump_inbox_markers(v_actors);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.trg_event_read_inbox_marker() IS
    'Statement trigger on signal.event_read: bumps the inbox marker of every actor whose explicit reads the statement inserted, updated or deleted (implicit_self rows do not change unread).';
REVOKE ALL ON FUNCTION signal.trg_event_read_inbox_marker() FROM PUBLIC;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['delivery', 'event_read'] LOOP
        EXECUTE format('DROP TRIGGER trg_%1$s_inbox_marker_ins ON signal.%1$I', t);
        EXECUTE format('DROP TRIGGER trg_%1$s_inbox_marker_upd ON signal.%1$I', t);
        EXECUTE format('DROP TRIGGER trg_%1$s_inbox_marker_del ON signal.%1$I', t);
        EXECUTE format('CREATE TRIGGER trg_%1$s_inbox_marker_ins AFTER INSERT ON signal.%1$I '
                       'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_%1$s_inbox_marker()', t);
        EXECUTE format('CREATE TRIGGER trg_%1$s_inbox_marker_upd AFTER UPDATE ON signal.%1$I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_%1$s_inbox_marker()', t);
        EXECUTE format('CREATE TRIGGER trg_%1$s_inbox_marker_del AFTER DELETE ON signal.%1$I '
                       'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_%1$s_inbox_marker()', t);
    END LOOP;
END
$$;

DROP FUNCTION signal.trg_inbox_marker();
