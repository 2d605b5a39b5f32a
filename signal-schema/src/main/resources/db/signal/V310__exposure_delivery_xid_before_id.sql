-- Why: the live stream (exposure-api-service) must not skip a delivery that commits after a delivery with
-- a higher id (concurrent routers). It decides which ids are settled from snapshots: once every
-- transaction that was in progress when it saw delivery id M has ended, no delivery at or below M can
-- still appear. That holds only if a transaction has its transaction id (and so shows in snapshots as
-- in progress) before it draws a delivery id; PostgreSQL assigns the xid at the first row written, after
-- the identity value of that row was drawn. This statement trigger assigns it first.

CREATE FUNCTION signal.trg_delivery_xid_first() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION signal.trg_delivery_xid_first() IS
    'Statement trigger: gives the inserting transaction its xid before any delivery id is drawn, so a snapshot that does not list it as in progress proves it holds no delivery id yet (the live stream''s settled horizon).';
REVOKE ALL ON FUNCTION signal.trg_delivery_xid_first() FROM PUBLIC;

CREATE TRIGGER trg_delivery_xid_first BEFORE INSERT ON signal.delivery
    FOR EACH STATEMENT EXECUTE FUNCTION signal.trg_delivery_xid_first();
