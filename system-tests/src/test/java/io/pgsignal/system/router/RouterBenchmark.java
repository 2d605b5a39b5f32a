package io.pgsignal.system.router;

import static io.pgsignal.system.support.BenchmarkReport.num;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.BenchmarkReport;
import io.pgsignal.system.support.Checkpoint;
import io.pgsignal.system.support.Concurrently;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Router benchmark ({@code ./scripts/benchmark Router}): deliveries written per second with fan-out
 * 10 by the running router process vs one bare INSERT…SELECT of the same rows; event →
 * inbox-delivery latency at 500 events/s vs the NOTIFY round trip at the same rate.
 */
class RouterBenchmark {

  private static final String MODULE = "notification-router-service";
  private static final int FAN_OUT = 10;
  private static final int THROUGHPUT_EVENTS = 20_000;
  private static final int RATE = 500;
  private static final int LATENCY_EVENTS = 5_000;
  private static final int WRITERS = 8;
  private static final String INSERT_EVENTS =
      """
      INSERT INTO signal.event (event_domain, event_type, event_stream, event_severity,
                                actor_ref, source_system, payload_classification, safe_payload,
                                occurred_at)
      SELECT 'iu', 'comment_added', 'comment', 'info', 'system:bench', 'worker', 'safe_metadata',
             jsonb_build_object('run', '%s'), now()
      FROM generate_series(1, %d)
      """;

  private static TestDatabase db;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.migrated("router_bench");
    exec("SELECT signal.upsert_actor('role:bench', 'role', NULL, NULL)");
    for (int i = 0; i < FAN_OUT; i++) {
      exec("SELECT signal.upsert_actor('agent:bench%d', 'ai_agent', NULL, NULL)".formatted(i));
      exec("SELECT signal.add_role_member('role:bench', 'agent:bench%d')".formatted(i));
    }
    exec("SELECT signal.subscribe('role:bench', 'iu')");
    Checkpoint.now(db);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void routerThroughputAndLatency() throws Exception {
    // Baseline: the same rows written by one bare INSERT…SELECT, nothing else.
    exec(INSERT_EVENTS.formatted("baseline", THROUGHPUT_EVENTS));
    exec("DELETE FROM signal.routing_queue");
    exec("VACUUM ANALYZE signal.event");
    long t0 = System.nanoTime();
    exec(
        """
        INSERT INTO signal.delivery (event_id, recipient_ref, channel, state, delivered_at)
        SELECT e.event_id, m.member_ref, 'inbox', 'delivered', now()
        FROM signal.event e CROSS JOIN signal.role_member m
        WHERE e.safe_payload ->> 'run' = 'baseline' AND m.role_ref = 'role:bench'
        """);
    double baselineSeconds = (System.nanoTime() - t0) / 1e9;
    double baselineRate = THROUGHPUT_EVENTS * FAN_OUT / baselineSeconds;

    try (ServiceProcess router = ServiceProcess.start(MODULE, db, Map.of())) {
      // Router: the same shape of rows, through the queue, by the running service.
      exec(INSERT_EVENTS.formatted("throughput", THROUGHPUT_EVENTS));
      long t1 = System.nanoTime();
      exec("SELECT pg_notify('signal_event', '')");
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> count("SELECT count(*) FROM signal.routing_queue") == 0);
      double routerSeconds = (System.nanoTime() - t1) / 1e9;
      long written =
          count(
              """
              SELECT count(*) FROM signal.delivery d JOIN signal.event e USING (event_id)
              WHERE e.safe_payload ->> 'run' = 'throughput'
              """);
      double routerRate = written / routerSeconds;

      // Latency at 500 events/s: one event per transaction, as the capture worker commits them.
      List<Double> notifyMs = new ArrayList<>();
      double achievedRate = paced(notifyMs);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> count("SELECT count(*) FROM signal.routing_queue") == 0);
      double[] routed = percentiles();
      double[] notify = percentilesOf(notifyMs);

      String body =
          """
          2-core machine shared by the load generator, the router and PostgreSQL: treat absolute figures as noisy, ratios as the result.

          | measure | router | baseline | ratio |
          |---|---|---|---|
          | deliveries written/s, fan-out %d, %s events (router process: queue → route_batch → commit) vs one bare `INSERT…SELECT` of the same rows | %s | %s | %s× |
          | event → inbox delivery p50 at %s events/s (achieved %s/s), vs NOTIFY round trip at the same rate | %s ms | %s ms | %s× |
          | event → inbox delivery p99 (goal < 50 ms) | %s ms | %s ms | %s× |

          Router throughput includes claiming the queue (`FOR UPDATE SKIP LOCKED`), role expansion, the implicit-self
          and resolution checks and the NOTIFY of each batch (batch size 500). Latency is measured in PostgreSQL:
          delivery `created_at` (router transaction) minus event `created_at` (writer transaction), %s events one per
          transaction from 8 connections; the baseline is the time from a client's `pg_notify` to its arrival at a JDBC listener.
          """
              .formatted(
                  FAN_OUT,
                  num(THROUGHPUT_EVENTS, 0),
                  num(routerRate, 0),
                  num(baselineRate, 0),
                  num(routerRate / baselineRate, 2),
                  RATE,
                  num(achievedRate, 0),
                  num(routed[0], 2),
                  num(notify[0], 2),
                  num(routed[0] / notify[0], 1),
                  num(routed[1], 2),
                  num(notify[1], 2),
                  num(routed[1] / notify[1], 1),
                  num(LATENCY_EVENTS, 0));
      System.out.println(body);
      BenchmarkReport.writeSection(
          "router",
          "Notification router: fan-out throughput and event → inbox latency",
          "./scripts/benchmark Router",
          body);
    }
  }

  /**
   * Inserts LATENCY_EVENTS at RATE/s from WRITERS connections (one commit costs a few ms here, so
   * one connection cannot reach the rate), each event in its own transaction with NOTIFY; a NOTIFY
   * probe runs alongside at 50/s.
   */
  private static double paced(List<Double> notifyMs) throws Exception {
    long start = System.nanoTime();
    try (Concurrently writers = Concurrently.start(WRITERS, w -> write(w, start));
        Connection probe = db.connect();
        Connection listener = db.connect();
        Statement p = probe.createStatement();
        Statement l = listener.createStatement()) {
      l.execute("LISTEN bench_probe");
      PGConnection pgListener = listener.unwrap(PGConnection.class);
      while (writers.running()) {
        p.execute("SELECT pg_notify('bench_probe', '%d')".formatted(System.nanoTime()));
        PGNotification[] received = pgListener.getNotifications(1000);
        long now = System.nanoTime();
        if (received != null) {
          for (PGNotification n : received) {
            notifyMs.add((now - Long.parseLong(n.getParameter())) / 1e6);
          }
        }
        Thread.sleep(20);
      }
      writers.join();
    }
    return LATENCY_EVENTS / ((System.nanoTime() - start) / 1e9);
  }

  private static Void write(int writer, long start) throws SQLException {
    long intervalNs = 1_000_000_000L / RATE;
    try (Connection c = db.connect();
        Statement w = c.createStatement()) {
      for (int i = writer; i < LATENCY_EVENTS; i += WRITERS) {
        long wait = start + i * intervalNs - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        w.execute(INSERT_EVENTS.formatted("latency", 1) + "; SELECT pg_notify('signal_event', '')");
      }
    }
    return null;
  }

  private static double[] percentiles() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)
                FROM (SELECT extract(epoch FROM min(d.created_at) - e.created_at) * 1000 AS ms
                      FROM signal.event e JOIN signal.delivery d USING (event_id)
                      WHERE e.safe_payload ->> 'run' = 'latency' AND d.channel = 'inbox'
                      GROUP BY e.event_id, e.created_at) l
                """)) {
      rs.next();
      return new double[] {rs.getDouble(1), rs.getDouble(2)};
    }
  }

  private static double[] percentilesOf(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return new double[] {
      sorted.get(sorted.size() / 2),
      sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99))
    };
  }

  private static void exec(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
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
