package io.pgsignal.system.exposure;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the benchmark data set with generate_series: {@link #ACTORS} agents, {@link #EVENTS}
 * events, one inbox delivery per event (70% delivered, 20% read, 10% acknowledged, with matching
 * read rows), spread round-robin over the actors. Triggers and FK checks are off while loading
 * (session_replication_role = replica: a throw-away database), then the tables are vacuumed and
 * analyzed, as autovacuum would leave them: measuring right after a bulk load would otherwise time
 * autovacuum and the first readers' hint-bit writes, on both the API and the direct side.
 */
final class ExposureBenchmarkData {

  static final int ACTORS = Integer.getInteger("exposure.bench.actors", 10_000);
  static final int EVENTS = Integer.getInteger("exposure.bench.events", 1_000_000);

  private ExposureBenchmarkData() {}

  static void load(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute("SET maintenance_work_mem = '256MB'");
      s.execute(
          "INSERT INTO signal.actor (actor_ref, kind) SELECT 'agent:bench-' || g, 'ai_agent' FROM generate_series(1, "
              + ACTORS
              + ") g");
      s.execute(
          """
          INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
              event_subject_ref, actor_ref, source_system, payload_classification, safe_payload, created_at, occurred_at)
          SELECT md5('bench-event-' || g)::uuid,
                 CASE WHEN mod(g, 4) = 0 THEN 'system' ELSE 'iu' END,
                 CASE WHEN mod(g, 4) = 0 THEN 'health_alert' WHEN mod(g, 4) = 1 THEN 'comment_added'
                      WHEN mod(g, 4) = 2 THEN 'draft_created' ELSE 'version_applied' END,
                 CASE WHEN mod(g, 4) = 0 THEN 'health' WHEN mod(g, 4) = 1 THEN 'comment'
                      WHEN mod(g, 4) = 2 THEN 'review' ELSE 'update' END,
                 CASE WHEN mod(g, 4) = 0 THEN 'critical' ELSE 'info' END,
                 md5('bench-subject-' || mod(g, 50000))::uuid,
                 'agent:bench-' || (1 + mod(g * 7, %d)),
                 'worker', 'safe_metadata',
                 jsonb_build_object('unit_id', md5('bench-subject-' || mod(g, 50000))::uuid),
                 timestamptz '2026-01-01' + g * interval '1 second',
                 timestamptz '2026-01-01' + g * interval '1 second'
          FROM generate_series(1, %d) g
          """
              .formatted(ACTORS, EVENTS));
      s.execute(
          """
          INSERT INTO signal.delivery (event_id, recipient_ref, channel, state, created_at, updated_at, read_at, acknowledged_at)
          SELECT md5('bench-event-' || g)::uuid, 'agent:bench-' || (1 + mod(g, %d)), 'inbox',
                 CASE WHEN mod(g, 10) < 7 THEN 'delivered' WHEN mod(g, 10) < 9 THEN 'read' ELSE 'acknowledged' END,
                 timestamptz '2026-01-01' + g * interval '1 second',
                 timestamptz '2026-01-01' + g * interval '1 second',
                 CASE WHEN mod(g, 10) >= 7 THEN timestamptz '2026-01-01' + g * interval '1 second' END,
                 CASE WHEN mod(g, 10) = 9 THEN timestamptz '2026-01-01' + g * interval '1 second' END
          FROM generate_series(1, %d) g
          """
              .formatted(ACTORS, EVENTS));
      s.execute(
          """
          INSERT INTO signal.event_read (event_id, actor_ref, read_kind, read_at)
          SELECT md5('bench-event-' || g)::uuid, 'agent:bench-' || (1 + mod(g, %d)), 'read',
                 timestamptz '2026-01-01' + g * interval '1 second'
          FROM generate_series(1, %d) g WHERE mod(g, 10) >= 7
          """
              .formatted(ACTORS, EVENTS));
      // the inbox markers the (disabled) V309 triggers would have left: one per actor
      s.execute(
          "INSERT INTO signal.inbox_marker (actor_ref, version) SELECT actor_ref, 1 FROM signal.actor");
      s.execute("RESET session_replication_role");
      s.execute(
          "VACUUM (ANALYZE) signal.actor, signal.event, signal.delivery, signal.event_read,"
              + " signal.inbox_marker");
    }
  }

  /**
   * Issues one token for each of the first {@code n} actors; index i belongs to agent:bench-(i+1).
   */
  static List<String> tokens(TestDatabase db, int n) throws SQLException {
    List<String> tokens = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT signal.issue_token('agent:bench-' || g) FROM generate_series(1, "
                        + n
                        + ") g ORDER BY g")) {
      while (rs.next()) {
        tokens.add(rs.getString(1));
      }
    }
    return tokens;
  }
}
