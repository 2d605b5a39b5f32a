package io.pgsignal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static TestDatabase db;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.migrated("schema");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void appliesEveryMigrationAndLeavesNothingPending() {
    var info = db.flyway().info();
    assertThat(info.pending()).isEmpty();
    assertThat(info.applied()).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
    assertThat(info.current().getVersion().getVersion()).isNotBlank();
  }

  @Test
  void aSecondMigrationRunChangesNothing() {
    assertThat(db.flyway().migrate().migrationsExecuted).isZero();
  }

  @Test
  void eventTableRefusesAForbiddenPayloadKeyAtAnyDepth() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      insertEvent(
                          "'comment'",
                          "'{\"refs\":[{\"id\":1,\"nested\":{\"draft_body\":\"x\"}}]}'")))
          .hasMessageContaining("ck_event_payload_forbidden_keys");
      assertThatThrownBy(() -> s.execute(insertEvent("'comment'", "'{\"token\":\"abc\"}'")))
          .hasMessageContaining("ck_event_payload_forbidden_keys");
      assertThat(countEvents(s)).isZero();
    }
  }

  @Test
  void eventTableRefusesAnUnknownStream() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(insertEvent("'gossip'", "'{}'")))
          .hasMessageContaining("ck_event_stream");
      assertThat(countEvents(s)).isZero();
    }
  }

  @Test
  void eventTableRefusesAnUnregisteredType() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      insertEvent("'comment'", "'{}'").replace("'comment_added'", "'row_changed'")))
          .hasMessageContaining("fk_event_type");
    }
  }

  @Test
  void acceptsAWellFormedEventAndQueuesItForRouting() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(insertEvent("'comment'", "'{\"member_count\":1,\"refs\":[\"a\"]}'"));
      var rs =
          s.executeQuery(
              "SELECT count(*) FROM signal.routing_queue q JOIN signal.event e USING (event_id)");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
      c.rollback();
    }
  }

  @Test
  void anOutboxFactCanBecomeDeadButNotAnUnknownState() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          "INSERT INTO signal.outbox (event_domain, event_type) VALUES ('iu','comment_added')");
      s.execute("UPDATE signal.outbox SET state = 'dead'");
      assertThatThrownBy(() -> s.execute("UPDATE signal.outbox SET state = 'done'"))
          .hasMessageContaining("outbox state must be pending or dead, not done");
      c.rollback();
    }
  }

  @Test
  void exposureRoleCannotWriteAnyTable() throws SQLException {
    for (String write :
        new String[] {
          insertEvent("'comment'", "'{}'"),
          "INSERT INTO signal.outbox (event_domain, event_type) VALUES ('iu','comment_added')",
          "UPDATE signal.delivery SET state = 'read'",
          "DELETE FROM signal.event_read",
          "SELECT count(*) FROM signal.event"
        }) {
      assertRefusedAs("signal_exposure", write);
    }
  }

  @Test
  void captureAndRouterRolesCannotTouchWhatIsNotTheirs() throws SQLException {
    assertRefusedAs("signal_capture", "UPDATE signal.delivery SET state = 'read'");
    assertRefusedAs("signal_capture", "DELETE FROM signal.event");
    assertRefusedAs(
        "signal_router", "INSERT INTO signal.outbox (event_domain, event_type) VALUES ('iu','x')");
    assertRefusedAs("signal_router", "UPDATE signal.event SET actor_ref = 'x'");
    assertRefusedAs("signal_scan", "DELETE FROM signal.delivery");
  }

  @Test
  void everyServiceRoleCanReadTheMigrationHistoryItsReadinessChecks() throws SQLException {
    for (String role :
        new String[] {"signal_capture", "signal_router", "signal_exposure", "signal_scan"}) {
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("SET ROLE " + role);
        var rs = s.executeQuery("SELECT count(*) FROM signal.signal_schema_history WHERE success");
        rs.next();
        assertThat(rs.getInt(1)).as(role).isPositive();
      }
    }
  }

  private static void assertRefusedAs(String role, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + role);
      assertThatThrownBy(() -> s.execute(sql))
          .as("%s must not run: %s", role, sql)
          .hasMessageContaining("permission denied");
    }
  }

  private static int countEvents(Statement s) throws SQLException {
    var rs = s.executeQuery("SELECT count(*) FROM signal.event");
    rs.next();
    return rs.getInt(1);
  }

  private static String insertEvent(String stream, String payload) {
    return """
        INSERT INTO signal.event (event_domain, event_type, event_stream, event_severity, source_system,
                                  payload_classification, safe_payload, occurred_at)
        VALUES ('iu', 'comment_added', %s, 'info', 'worker', 'safe_metadata', %s::jsonb, now())
        """
        .formatted(stream, payload);
  }
}
