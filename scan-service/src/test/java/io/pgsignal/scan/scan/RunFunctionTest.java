package io.pgsignal.scan.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.TestDatabase;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code signal.run_birth_full_scan} (db/signal V600) on its own, called as {@code signal_scan}:
 * the single-flight lock and the run's name last exactly as long as the caller's transaction.
 */
class RunFunctionTest {

  static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.migrated("run_fn");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void aCallWhileAnotherTransactionHoldsANegativeKeyGetsRunningWithTheHoldersRunId()
      throws Exception {
    aCallWhileAnotherTransactionHoldsTheKeyGetsRunningWithTheHoldersRunId(-7_305_000_000_000_001L);
  }

  @Test
  void aCallWhileAnotherTransactionHoldsAPositiveKeyGetsRunningWithTheHoldersRunId()
      throws Exception {
    aCallWhileAnotherTransactionHoldsTheKeyGetsRunningWithTheHoldersRunId(7_305_000_000_000_002L);
  }

  private void aCallWhileAnotherTransactionHoldsTheKeyGetsRunningWithTheHoldersRunId(long key)
      throws Exception {
    try (Connection holder = connectAsScan();
        Connection other = connectAsScan()) {
      holder.setAutoCommit(false);
      JsonPath held = run(holder, key);
      assertThat(held.getString("status")).isEqualTo("complete");

      JsonPath refused = run(other, key);

      assertThat(refused.getString("status")).isEqualTo("running");
      assertThat(refused.getString("error")).isEqualTo("scan_running");
      assertThat(refused.getString("run_id")).isEqualTo(held.getString("run_id"));
      holder.commit();
      assertThat(applicationName(holder)).isEqualTo("run-fn-test");
      assertThat(run(other, key).getString("status")).isEqualTo("complete");
    }
  }

  @Test
  void anAbsentPolicyTableIsNotAKillSwitchTheScanNamesItAsMissing() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("ALTER TABLE public.dot_config RENAME TO dot_config_elsewhere");
      s.execute("SET ROLE signal_scan");

      JsonPath result = run(c, 7_305_000_000_000_003L);

      assertThat(result.getString("status")).isEqualTo("dependency_fail");
      assertThat(result.getList("missing", String.class)).contains("table:public.dot_config");
      c.rollback();
    }
  }

  @Test
  void aPolicyTableTheCallerMayNotReadRefusesTheRunInsteadOfBypassingTheKillSwitch()
      throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("REVOKE SELECT ON public.dot_config FROM signal_scan");
      long issuesBefore = issues(s);
      s.execute("SET ROLE signal_scan");

      JsonPath result = run(c, 7_305_000_000_000_004L);

      assertThat(result.getString("status")).isEqualTo("kill_switch_unreadable");
      assertThat(result.getString("error")).isEqualTo("kill_switch_unreadable");
      assertThat(result.getString("message")).contains("may not read public.dot_config");
      assertThat(result.getString("run_id")).isNull();
      s.execute("RESET ROLE");
      assertThat(issues(s)).isEqualTo(issuesBefore);
      c.rollback();
    }
  }

  private static long issues(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public.system_issues")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection connectAsScan() throws SQLException {
    Connection c = db.connect();
    try (Statement s = c.createStatement()) {
      s.execute("SET ROLE signal_scan; SET application_name = 'run-fn-test'");
    }
    return c;
  }

  private static JsonPath run(Connection c, long key) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT signal.run_birth_full_scan(" + key + ", false)")) {
      rs.next();
      return JsonPath.from(rs.getString(1));
    }
  }

  private static String applicationName(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
