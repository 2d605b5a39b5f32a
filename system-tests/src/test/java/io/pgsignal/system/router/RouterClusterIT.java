package io.pgsignal.system.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two router processes over 5,000 events with role fan-out; one is killed (SIGKILL) mid-run, then
 * the other, while events keep arriving; the restarted one routes what was left. Exactly the
 * expected deliveries: none skipped, none doubled.
 */
class RouterClusterIT {

  private static final String MODULE = "notification-router-service";
  private static final int EVENTS = 5_000;
  private static final int CHUNK = 100;
  private static final int MEMBERS = 4;
  private static final int PER_EVENT = MEMBERS + 1; // role members + one direct subscriber

  private static TestDatabase db;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.migrated("router_it");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT signal.upsert_actor('role:reviewers', 'role', 'Reviewers', NULL)");
      for (String member : new String[] {"gpt", "opus", "agent:codex", "reviewer:gpt"}) {
        s.execute("SELECT signal.upsert_actor('%s', 'ai_agent', NULL, NULL)".formatted(member));
        s.execute("SELECT signal.add_role_member('role:reviewers', '%s')".formatted(member));
      }
      s.execute("SELECT signal.upsert_actor('user:huyen', 'human', 'Huyen', NULL)");
      s.execute("SELECT signal.subscribe('role:reviewers', 'iu')");
      s.execute("SELECT signal.subscribe('user:huyen', 'iu', 'comment_added')");
    }
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void twoRoutersOneKilledThenRestartedRouteEveryEventExactlyOnce() throws Exception {
    ServiceProcess a = ServiceProcess.start(MODULE, db, Map.of());
    ServiceProcess b = ServiceProcess.start(MODULE, db, Map.of());
    try {
      insertChunks(0, EVENTS / 2);
      a.kill();
      insertChunks(EVENTS / 2, EVENTS * 3 / 4);
      b.kill();
      insertChunks(EVENTS * 3 / 4, EVENTS);
      assertThat(count("SELECT count(*) FROM signal.routing_queue"))
          .as("events left for the restarted router")
          .isPositive();

      ServiceProcess restarted = ServiceProcess.start(MODULE, db, Map.of());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> count("SELECT count(*) FROM signal.routing_queue") == 0);
      } finally {
        restarted.stop();
      }

      assertThat(count("SELECT count(*) FROM signal.event")).isEqualTo(EVENTS);
      assertThat(count("SELECT count(*) FROM signal.delivery")).isEqualTo(EVENTS * PER_EVENT);
      assertThat(count("SELECT count(DISTINCT event_id) FROM signal.delivery")).isEqualTo(EVENTS);
      assertThat(
              count(
                  """
                  SELECT count(*) FROM (SELECT event_id FROM signal.delivery
                                        GROUP BY event_id HAVING count(*) <> %d) wrong
                  """
                      .formatted(PER_EVENT)))
          .as("events with a missing or extra delivery")
          .isZero();
      assertThat(count("SELECT count(*) FROM signal.delivery WHERE state <> 'delivered'")).isZero();
    } finally {
      a.close();
      b.close();
    }
  }

  /** Inserts events [from, to) in transactions of CHUNK, each followed by NOTIFY signal_event. */
  private static void insertChunks(int from, int to) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (int i = from; i < to; i += CHUNK) {
        s.execute(
            """
            INSERT INTO signal.event (event_domain, event_type, event_stream, event_severity,
                                      event_subject_ref, actor_ref, source_system,
                                      payload_classification, occurred_at)
            SELECT 'iu', 'comment_added', 'comment', 'info', gen_random_uuid(), 'system:it',
                   'worker', 'safe_metadata', now()
            FROM generate_series(1, %d);
            SELECT pg_notify('signal_event', '');
            """
                .formatted(Math.min(CHUNK, to - i)));
      }
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
