package io.pgsignal.exposure.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceRoleTest {

  TestDatabase db;

  @Test
  void theServiceRoleCanReadItsViewsButCannotWriteAnyTable() throws SQLException {
    var fx = new ExposureFixtures(db);
    fx.deliver(fx.iuComment("gpt"), fx.agent("agent:role"), "delivered");
    List<String> tables = new ArrayList<>();
    try (Connection owner = db.connect();
        ResultSet rs =
            owner
                .createStatement()
                .executeQuery(
                    """
            SELECT c.table_schema || '.' || c.table_name, min(quote_ident(c.column_name))
            FROM information_schema.columns c JOIN pg_tables t ON t.schemaname = c.table_schema AND t.tablename = c.table_name
            WHERE c.table_schema IN ('signal', 'public') GROUP BY 1 ORDER BY 1
            """)) {
      while (rs.next()) {
        tables.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    assertThat(tables.stream().map(t -> t.split(" ")[0]))
        .contains("signal.event", "signal.delivery", "signal.event_read", "signal.agent_token");
    try (Connection role =
        DriverManager.getConnection(db.jdbcUrl(), "signal_exposure", TestDatabase.PASSWORD)) {
      role.setAutoCommit(true);
      for (String view :
          List.of(
              "public.v_signal_board",
              "signal.v_inbox",
              "signal.v_inbox_summary",
              "public.v_iu_notification_board",
              "public.iu_notification_event",
              "public.iu_notification_read")) {
        role.createStatement().executeQuery("SELECT * FROM " + view + " LIMIT 1").close();
      }
      for (String tableAndColumn : tables) {
        String table = tableAndColumn.split(" ")[0];
        String column = tableAndColumn.split(" ")[1];
        for (String sql :
            List.of(
                "INSERT INTO " + table + " DEFAULT VALUES",
                "UPDATE " + table + " SET " + column + " = " + column,
                "DELETE FROM " + table)) {
          assertThatThrownBy(() -> role.createStatement().execute(sql))
              .as(sql)
              .isInstanceOf(SQLException.class)
              .satisfies(
                  e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
        }
      }
      for (String view : List.of("public.iu_notification_event", "public.iu_notification_read")) {
        assertThatThrownBy(() -> role.createStatement().execute("DELETE FROM " + view))
            .isInstanceOf(SQLException.class);
      }
      assertThatThrownBy(() -> role.createStatement().execute("SELECT signal.issue_token('gpt')"))
          .isInstanceOf(SQLException.class);
    }
  }

  /**
   * The SECURITY DEFINER functions the API calls, plus invoker-rights helpers that are executable
   * by PUBLIC (they run with the caller's rights, so they cannot write for signal_exposure).
   */
  private static final List<String> EXECUTABLE =
      List.of(
          "fn_b3f1_log_collection_onboarding_gap(text,text,jsonb,text)",
          "fn_iu_mark_read(uuid[],text)",
          "fn_iu_notification_board(text,text,integer)",
          "fn_iu_unread(text,text,boolean,integer)",
          "fn_registries_pivot_node_substrate(text)",
          "pivot_count(text)",
          "pivot_query(text)",
          "signal.acknowledge(text,uuid[])",
          "signal.board_version()",
          "signal.event_envelope(signal.event)",
          "signal.event_for_actor(text,uuid)",
          "signal.exposure_identity(bytea,uuid,text)",
          "signal.forbidden_payload_key(jsonb)",
          "signal.forbidden_payload_key_walk(jsonb)",
          "signal.iu_unit_id(jsonb)",
          "signal.mark_read(text,uuid[])",
          "signal.outbox_hint()",
          "signal.route_subject_lock_class()",
          "signal.severity_rank(text)",
          "signal.visible_payload(text,jsonb)");

  @Test
  void theServiceRoleExecutesExactlyItsFunctions() throws SQLException {
    List<String> executable = new ArrayList<>();
    try (Connection owner = db.connect();
        ResultSet rs =
            owner
                .createStatement()
                .executeQuery(
                    """
            SELECT p.oid::regprocedure::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('signal', 'public') AND p.prokind IN ('f', 'p')
              AND p.prorettype <> 'trigger'::regtype
              AND has_function_privilege('signal_exposure', p.oid, 'EXECUTE')
            ORDER BY 1
            """)) {
      while (rs.next()) {
        executable.add(rs.getString(1));
      }
    }
    assertThat(executable).containsExactlyInAnyOrderElementsOf(EXECUTABLE);
  }

  @Test
  void theServiceQueriesAsSignalExposure() {
    var fx = new ExposureFixtures(db);
    String agent = fx.agent("agent:who");
    given()
        .header("Authorization", "Bearer " + fx.token(agent))
        .get("/api/signals/inbox")
        .then()
        .statusCode(200);
    assertThat(
            fx.count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'signal_exposure'"))
        .isPositive();
  }
}
