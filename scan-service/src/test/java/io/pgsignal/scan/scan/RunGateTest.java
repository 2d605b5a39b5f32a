package io.pgsignal.scan.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.TestDatabase;
import io.vertx.pgclient.PgException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gate's SQL and failure rules, against a real PostgreSQL (catalogs only, no migrations). */
class RunGateTest {

  static final String RUN_NAME = RunGate.APP_PREFIX + "0b5e7d3a-0000-4000-8000-000000000001";

  static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("run_gate");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void theRunningRunIsNamedForANegativeLockKey() throws Exception {
    assertThat(runningFor(-7_305_000_000_000_001L)).isEqualTo(RUN_NAME);
  }

  @Test
  void theRunningRunIsNamedForAPositiveLockKey() throws Exception {
    assertThat(runningFor(7_305_000_000_000_001L)).isEqualTo(RUN_NAME);
  }

  @Test
  void onlyAnAbsentOrUnreadablePolicyTableOpensWithoutThePolicy() {
    assertThat(
            RunGate.policyUnavailable(pg("relation \"public.dot_config\" does not exist", "42P01")))
        .isTrue();
    assertThat(RunGate.policyUnavailable(pg("permission denied for table dot_config", "42501")))
        .isTrue();
    // named in the message, but not a missing policy: must fail the run, not skip the kill switch
    assertThat(RunGate.policyUnavailable(pg("canceling statement reading dot_config", "57014")))
        .isFalse();
    assertThat(RunGate.policyUnavailable(new IllegalStateException("dot_config"))).isFalse();
  }

  private static PgException pg(String message, String sqlState) {
    return new PgException(message, "ERROR", sqlState, null);
  }

  /** Holds the key as a run does on one session; asks RUNNING_SQL from another. */
  private static String runningFor(long key) throws Exception {
    try (Connection holder = db.connect();
        Connection asker = db.connect();
        Statement h = holder.createStatement();
        Statement a = asker.createStatement()) {
      h.execute(
          "SELECT pg_advisory_lock(%d), set_config('application_name', '%s', false)"
              .formatted(key, RUN_NAME));
      a.execute("PREPARE running(bigint) AS " + RunGate.RUNNING_SQL);
      try (ResultSet rs = a.executeQuery("EXECUTE running(" + key + ")")) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
