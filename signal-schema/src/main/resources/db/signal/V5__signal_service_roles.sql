-- Why: least privilege per service (SPEC §6, §10). Roles are cluster-wide, so creation tolerates an existing
-- role (another database, a concurrent migration). They can log in without a password only where the
-- cluster trusts local connections; deployments set a password: ALTER ROLE signal_exposure PASSWORD '...'.
-- Later migrations grant each role what its service needs, next to the objects they create.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['signal_capture', 'signal_router', 'signal_exposure', 'signal_scan'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created concurrently by a migration of another database
            END;
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON SCHEMA signal FROM PUBLIC;
GRANT USAGE ON SCHEMA signal TO signal_capture, signal_router, signal_exposure, signal_scan;

-- capture: reads the catalog, works the outbox, writes events and implicit read state
GRANT SELECT ON signal.event_domain, signal.event_type TO signal_capture;
GRANT SELECT, INSERT, UPDATE ON signal.outbox TO signal_capture;
GRANT SELECT, INSERT ON signal.event, signal.event_read TO signal_capture;
GRANT INSERT ON signal.routing_queue TO signal_capture;

-- router: reads events and recipients, works the routing queue and deliveries
GRANT SELECT ON signal.event_domain, signal.event_type, signal.event, signal.actor, signal.role_member,
    signal.subscription, signal.webhook_endpoint TO signal_router;
GRANT SELECT, DELETE ON signal.routing_queue TO signal_router;
GRANT SELECT, INSERT, UPDATE ON signal.delivery TO signal_router;

-- exposure: nothing on tables; SELECT on its views and EXECUTE on read/ack functions come with them.
-- scan: grants come with the platform objects and signal.emit.
