-- Why: every service's readiness compares the migrations it ships with signal.signal_schema_history. A service
-- deployed under its own least-privilege role (QUARKUS_FLYWAY_MIGRATE_AT_START=false) must be able to read that
-- table, or it would stay not-ready forever. Reading the history reveals nothing but migration names.

GRANT SELECT ON signal.signal_schema_history TO signal_capture, signal_router, signal_exposure, signal_scan;
