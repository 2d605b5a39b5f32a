package io.pgsignal.scan.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.util.UUID;

/**
 * The gate of a run on one connection: kill switch, single flight (a session advisory lock whose
 * holder names its run in {@code application_name}) and the guarded scan, in as few round trips as
 * the contract allows.
 */
final class RunGate {

  static final String APP_PREFIX = "birth-full-scan:";

  static final String UNDEFINED_TABLE = "42P01";
  static final String INSUFFICIENT_PRIVILEGE = "42501";

  /**
   * Kill switch, try-lock and naming in one statement. %s yields the switch's value (one row). An
   * absent key is not "off" (the function then reports dependency_fail naming it); a present one is
   * off unless it is "true", ignoring case and surrounding whitespace or control characters. The
   * lock is tried only when allowed, the name set only when locked (MATERIALIZED: each function
   * runs exactly once).
   */
  static final String OPEN_TEMPLATE =
      """
      WITH policy AS (%s),
      gate AS MATERIALIZED (
          SELECT enabled IS NULL
                 OR pg_catalog.lower(pg_catalog.regexp_replace(enabled, '^[\\x01-\\x20]+|[\\x01-\\x20]+$', '', 'g')) = 'true'
                 AS allowed
          FROM policy),
      lock AS MATERIALIZED (
          SELECT allowed, CASE WHEN allowed THEN pg_catalog.pg_try_advisory_lock($1) END AS locked FROM gate)
      SELECT allowed, locked,
             CASE WHEN locked THEN pg_catalog.set_config('application_name', $2, false) END AS run_name
      FROM lock
      """;

  static final String OPEN_SQL =
      OPEN_TEMPLATE.formatted(
          "SELECT max(value) AS enabled FROM public.dot_config WHERE key = '"
              + ScanPolicy.ENABLED_KEY
              + "'");

  /** The same without dot_config (absent or unreadable): the function reports what is missing. */
  static final String OPEN_WITHOUT_POLICY_SQL =
      OPEN_TEMPLATE.formatted("SELECT NULL::text AS enabled");

  /**
   * The scan, run only by the lock holder: only {@link #OPEN_SQL} sets this run's name, and only
   * after taking the lock, so this can be sent in the same round trip (pipelined) without waiting
   * for the lock's answer. No row: this session does not hold the lock for this run.
   */
  static final String SCAN_SQL =
      """
      SELECT public.fn_birth_onboarding_full_scan($1)
      WHERE pg_catalog.current_setting('application_name') = $2
      """;

  /**
   * The holder's application_name. pg_locks shows an int8 key as two unsigned 32-bit halves
   * (classid high, objid low); {@code >>} is arithmetic, so the high half is masked too or a
   * negative key never matches.
   */
  static final String RUNNING_SQL =
      """
      SELECT a.application_name
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.classid::bigint = (($1::bigint >> 32) & 4294967295)
        AND l.objid::bigint = ($1::bigint & 4294967295)
      """;

  static final String CLOSE_SQL =
      "SELECT pg_advisory_unlock($1), set_config('application_name', 'scan-service', false)";

  /** What {@link #OPEN_SQL} decided: allowed by the kill switch, and (when allowed) locked. */
  record Opening(boolean allowed, boolean locked) {}

  private final long lockKey;

  RunGate(long lockKey) {
    this.lockKey = lockKey;
  }

  static String runName(UUID runId) {
    return APP_PREFIX + runId;
  }

  Uni<Opening> open(SqlConnection conn, UUID runId) {
    return open(conn, runId, OPEN_SQL)
        .onFailure(RunGate::policyUnavailable)
        .recoverWithUni(() -> open(conn, runId, OPEN_WITHOUT_POLICY_SQL));
  }

  /**
   * OPEN_SQL failed because dot_config is absent (42P01) or not readable (42501), the only failures
   * the function reports better itself; anything else fails the run rather than skip the switch.
   */
  static boolean policyUnavailable(Throwable e) {
    return e instanceof PgException pg
        && (UNDEFINED_TABLE.equals(pg.getSqlState())
            || INSUFFICIENT_PRIVILEGE.equals(pg.getSqlState()));
  }

  private Uni<Opening> open(SqlConnection conn, UUID runId, String sql) {
    return conn.preparedQuery(sql)
        .execute(Tuple.of(lockKey, runName(runId)))
        .map(
            rows -> {
              var r = rows.iterator().next();
              return new Opening(r.getBoolean(0), Boolean.TRUE.equals(r.getBoolean(1)));
            });
  }

  /** The function's result, or null when this session is not the holder of this run. */
  Uni<JsonObject> scanIfHolder(SqlConnection conn, UUID runId) {
    return conn.preparedQuery(SCAN_SQL)
        .execute(Tuple.of(runId, runName(runId)))
        .map(rows -> rows.size() == 0 ? null : (JsonObject) rows.iterator().next().getValue(0));
  }

  /** The run id the current holder named, or null. */
  Uni<String> running(SqlConnection conn) {
    return conn.preparedQuery(RUNNING_SQL)
        .execute(Tuple.of(lockKey))
        .map(
            rows -> {
              String app = rows.size() == 0 ? null : rows.iterator().next().getString(0);
              return app != null && app.startsWith(APP_PREFIX)
                  ? app.substring(APP_PREFIX.length())
                  : null;
            });
  }

  Uni<Void> close(SqlConnection conn) {
    return conn.preparedQuery(CLOSE_SQL).execute(Tuple.of(lockKey)).replaceWithVoid();
  }
}
