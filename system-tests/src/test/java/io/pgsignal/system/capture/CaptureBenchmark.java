package io.pgsignal.system.capture;

import static io.pgsignal.system.support.BenchmarkReport.num;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.BenchmarkReport;
import io.pgsignal.system.support.Checkpoint;
import io.pgsignal.system.support.Concurrently;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capture benchmark ({@code ./scripts/benchmark Capture}), each figure against a baseline measured
 * in the same run on the same database: capture overhead (insert rate into the onboarded
 * unit_edit_comment ÷ an identical table without the trigger, 1 and 8 writers); worker throughput
 * (one service instance ÷ a bare SQL batch move of 500 rows per statement); fact → event latency at
 * a steady 500 facts/s.
 */
class CaptureBenchmark {

  private static final String MODULE = "event-capture-service";

  /**
   * Capture overhead runs in phases of this length, all writers switching table together, in blocks
   * of four: plain, onboarded, onboarded, plain. The host's insert rate drifts by more than the
   * trigger costs over a few seconds; short mirrored phases give both tables the same moments.
   */
  private static final Duration PHASE = Duration.ofMillis(500);

  private static final int BLOCKS = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(1);
  private static final String PLAIN_TABLE = "public.bench_comment_plain";
  private static final String CAPTURED_TABLE = "public.unit_edit_comment";
  private static final int THROUGHPUT_FACTS = 50_000;
  private static final int RATE = 500;
  private static final int LATENCY_FACTS = 5_000;

  private static final String SEED_FACTS =
      """
      INSERT INTO signal.outbox (event_domain, event_type, event_subject_type, event_subject_ref,
                                 actor_ref, source_system, safe_payload)
      SELECT 'iu', 'comment_added', 'unit_edit_comment', gen_random_uuid(), 'user:bench', 'trigger',
             jsonb_build_object('n', g)
      FROM generate_series(1, %d) g""";

  /**
   * The baseline: move 500 facts into events in one statement (claim, insert, delete: what the
   * worker does with a fact), no validation, no read state, synchronous commit.
   */
  private static final String BARE_MOVE =
      """
      WITH c AS (
          SELECT o.fact_id, o.event_domain, o.event_type, o.event_subject_type, o.event_subject_ref,
                 o.actor_ref, o.source_system, o.payload_classification, o.safe_payload, o.occurred_at,
                 gen_random_uuid() AS new_id
          FROM signal.outbox o WHERE o.state = 'pending'
          ORDER BY o.next_attempt_at, o.fact_id LIMIT 500 FOR UPDATE SKIP LOCKED
      ), e AS (
          INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
                                    event_subject_type, event_subject_ref, actor_ref, source_system,
                                    payload_classification, safe_payload, occurred_at)
          SELECT new_id, event_domain, event_type, 'comment', 'info', event_subject_type,
                 event_subject_ref, actor_ref, source_system, payload_classification, safe_payload,
                 occurred_at
          FROM c
      )
      DELETE FROM signal.outbox o USING c WHERE o.fact_id = c.fact_id""";

  private static TestDatabase db;
  private static UUID unit;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.migrated("capture_bench");
    exec(
        "CREATE TABLE public.bench_comment_plain (LIKE public.unit_edit_comment INCLUDING ALL);"
            + " ALTER TABLE public.bench_comment_plain ADD CONSTRAINT fk_bench_comment_plain_unit"
            + " FOREIGN KEY (unit_id) REFERENCES public.information_unit (id)");
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "INSERT INTO public.information_unit (canonical_address, title, body, created_by)"
                        + " VALUES ('iu/bench', 't', 'b', 'user:bench') RETURNING id")) {
      rs.next();
      unit = (UUID) rs.getObject(1);
    }
    Checkpoint.now(db);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void measuresCaptureOverheadThroughputAndLatency() throws Exception {
    StringBuilder body = new StringBuilder();
    body.append("2 cores shared by the writers, the worker and PostgreSQL:")
        .append(" absolute figures are noisy; the ratios are the result.\n\n");
    body.append("| measure | onboarded | baseline | ratio | goal |\n|---|---|---|---|---|\n");
    for (int writers : new int[] {1, 8}) {
      Overhead o = overhead(writers);
      body.append(
          "| capture overhead, %d writer(s): single-row inserts/s | %s | %s (same table, no trigger) | %s (single blocks %s-%s) | ≥ 0.80 |\n"
              .formatted(
                  writers,
                  num(o.capturedRate(), 0),
                  num(o.plainRate(), 0),
                  num(o.ratio(), 2),
                  num(o.blockRatios()[0], 2),
                  num(o.blockRatios()[o.blockRatios().length - 1], 2)));
    }
    exec("TRUNCATE signal.outbox, signal.event CASCADE");

    exec(SEED_FACTS.formatted(THROUGHPUT_FACTS));
    double bare = bareMoveRate();

    double worker;
    List<Long> latencies;
    try (ServiceProcess service = ServiceProcess.start(MODULE, db, Map.of())) {
      exec(SEED_FACTS.formatted(THROUGHPUT_FACTS));
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> count("SELECT count(*) FROM signal.outbox WHERE state = 'pending'") == 0);
      worker = THROUGHPUT_FACTS / seconds(start);
      latencies = latencyAtSteadyRate();
    }
    body.append(
        "| throughput: facts → events/s, one instance | %s | %s (bare SQL batch move, 500 rows/statement) | %s | ≥ 0.50 |\n"
            .formatted(num(worker, 0), num(bare, 0), num(worker / bare, 2)));
    body.append(
        "| throughput, absolute (one instance, %s facts) | %s facts/s | | | goal ≥ 10,000 |\n"
            .formatted(num(THROUGHPUT_FACTS, 0), num(worker, 0)));
    body.append(
        "| latency fact commit → event seen by a listener at %d facts/s (%s facts, ungrouped) | p50 %s ms, p99 %s ms, max %s ms | | | p50 < 5 ms, p99 < 25 ms |\n"
            .formatted(
                RATE,
                num(latencies.size(), 0),
                num(pct(latencies, 50) / 1e6, 1),
                num(pct(latencies, 99) / 1e6, 1),
                num(pct(latencies, 100) / 1e6, 1)));
    body.append(
        ("\nCapture overhead: each writer inserts single rows (autocommit, synchronous commit) into"
                    + " the plain or the onboarded table as a shared clock says: %d blocks of four %d ms"
                    + " phases (plain, onboarded, onboarded, plain), all writers switching together, after"
                    + " %d s of warm-up on both; rate = rows ÷ time spent on that table, ratio of the two"
                    + " totals, with the lowest and highest ratio of a single block beside it. Until"
                    + " 2026-12-01 it ran 5 rounds of 4 s per table and took the median ratio: the host's"
                    + " insert rate drifted by more than the trigger's cost between rounds, and the same"
                    + " code measured 0.65-0.90. The trigger appends one outbox row and inlines the"
                    + " wake-up hint (one NOTIFY per session per wall-clock second at most). No worker"
                    + " runs meanwhile: the outbox only grows. Throughput: %s")
                .formatted(BLOCKS, PHASE.toMillis(), WARM_UP.toSeconds(), num(THROUGHPUT_FACTS, 0))
            + " facts seeded in one statement, timed until none is pending; the worker and the bare"
            + " move both commit with synchronous_commit off (the service's default)."
            + " Latency: one writer inserts"
            + " IU comments on a 2 ms schedule (parked between inserts, not spinning); a LISTEN signal_event client stamps each fact when its"
            + " event is visible. Between two writer hints the worker finds facts by its hot poll"
            + " (signal.capture.hot-poll-interval: at one fact every 2 ms the back-off to"
            + " hot-poll-max-interval never starts), so a fact waits about half that interval,"
            + " then one batch statement, committed without waiting for its WAL flush"
            + " (signal.capture.synchronous-commit=off).\n\n"
            + "Where the writer's extra cost goes (instruction counts, independent of the host's"
            + " noise: event-capture-service README, \"What capture costs a writer\"): the AFTER"
            + " trigger call, PL/pgSQL running one INSERT of the outbox row (an executor start per"
            + " row), its index entries, the inlined hint, and about 480 more bytes of WAL for the commit"
            + " to flush. With many writers on 2 cores the writers are CPU-bound, so that cost shows"
            + " in full.\n");
    BenchmarkReport.writeSection(
        "capture", "Capture (layers 1-3)", "./scripts/benchmark Capture", body.toString());
  }

  /**
   * One statement per 500 rows until the outbox is empty, committed like the worker's statements
   * (synchronous_commit off, the service's default), so the ratio compares the same durability.
   */
  private static double bareMoveRate() throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute("SET synchronous_commit = off");
      long start = System.nanoTime();
      while (c.createStatement().executeUpdate(BARE_MOVE) > 0) {
        // until the outbox is empty
      }
      return THROUGHPUT_FACTS / seconds(start);
    }
  }

  /** Insert rates of both tables; {@code blockRatios} sorted, one per plain-onboarded block. */
  private record Overhead(double plainRate, double capturedRate, double[] blockRatios) {
    double ratio() {
      return capturedRate / plainRate;
    }
  }

  private static Overhead overhead(int writers) throws Exception {
    int phases = BLOCKS * 4;
    AtomicLongArray rows = new AtomicLongArray(phases);
    long start = System.nanoTime() + WARM_UP.toNanos();
    try (Concurrently all = Concurrently.start(writers, w -> insertByPhase(start, rows))) {
      all.join();
    }
    long plain = 0;
    long captured = 0;
    double[] blockRatios = new double[BLOCKS];
    for (int b = 0; b < BLOCKS; b++) {
      long p = rows.get(4 * b) + rows.get(4 * b + 3);
      long c = rows.get(4 * b + 1) + rows.get(4 * b + 2);
      blockRatios[b] = c / (double) p;
      plain += p;
      captured += c;
    }
    Arrays.sort(blockRatios);
    double seconds = BLOCKS * 2 * PHASE.toNanos() / 1e9; // each table's share of the time
    return new Overhead(plain / seconds, captured / seconds, blockRatios);
  }

  /** Phases 1 and 2 of each block of four insert into the onboarded table, 0 and 3 the plain. */
  private static boolean capturedPhase(long phase) {
    return phase % 4 == 1 || phase % 4 == 2;
  }

  /** One writer: inserts into whichever table the shared clock names, counting rows per phase. */
  private static void insertByPhase(long start, AtomicLongArray rows) {
    String insert =
        "INSERT INTO %s (unit_id, canonical_address, author_ref, body)"
            + " VALUES (?, 'iu/bench', 'user:bench', 'a comment body')";
    try (Connection c = db.connect();
        PreparedStatement plain = c.prepareStatement(insert.formatted(PLAIN_TABLE));
        PreparedStatement captured = c.prepareStatement(insert.formatted(CAPTURED_TABLE))) {
      plain.setObject(1, unit);
      captured.setObject(1, unit);
      long warmUps = 0;
      for (long now = System.nanoTime(); now < start; now = System.nanoTime()) {
        (warmUps++ % 2 == 0 ? plain : captured).executeUpdate();
      }
      for (long phase = (System.nanoTime() - start) / PHASE.toNanos(); phase < rows.length(); ) {
        (capturedPhase(phase) ? captured : plain).executeUpdate();
        rows.incrementAndGet((int) phase);
        phase = (System.nanoTime() - start) / PHASE.toNanos();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> latencyAtSteadyRate() throws Exception {
    exec("TRUNCATE signal.outbox, signal.event CASCADE");
    long[] committed = new long[LATENCY_FACTS + 1];
    long[] seen = new long[LATENCY_FACTS + 1];
    CompletableFuture<Void> listener = CompletableFuture.runAsync(() -> watch(committed, seen));
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO public.unit_edit_comment (unit_id, canonical_address, author_ref, body,"
                    + " source_document_ref) VALUES (?, 'iu/bench', 'user:bench', 'body', ?)")) {
      long start = System.nanoTime();
      for (int i = 1; i <= LATENCY_FACTS; i++) {
        long due = start + i * (1_000_000_000L / RATE);
        // parked, not spinning: a spinning writer would take one of the two cores the worker needs
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        ps.setObject(1, unit);
        ps.setString(2, Integer.toString(i));
        ps.executeUpdate();
        committed[i] = System.nanoTime();
      }
    }
    listener.get();
    List<Long> out = new ArrayList<>();
    for (int i = 1; i <= LATENCY_FACTS; i++) {
      out.add(Math.max(0, seen[i] - committed[i]));
    }
    out.sort(Long::compare);
    return out;
  }

  /**
   * Stamps each fact (by its sequence number) when its event becomes visible. Each read asks only
   * for events at or above the lowest fact not seen yet, so the observer decodes a row or two per
   * wake-up, not everything of the last 200 ms (the CPU it takes is shared with the worker).
   */
  private static void watch(long[] committed, long[] seen) {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT e.source_document_ref::int, e.created_at FROM signal.event e"
                    + " WHERE e.created_at >= ? AND e.source_document_ref::int >= ?")) {
      c.createStatement().execute("LISTEN signal_event");
      var pg = c.unwrap(org.postgresql.PGConnection.class);
      int found = 0;
      int lowestUnseen = 1;
      java.sql.Timestamp since = new java.sql.Timestamp(0);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (found < LATENCY_FACTS && System.nanoTime() < deadline) {
        pg.getNotifications(50);
        long now = System.nanoTime();
        while (lowestUnseen <= LATENCY_FACTS && seen[lowestUnseen] != 0) {
          lowestUnseen++;
        }
        ps.setTimestamp(1, since);
        ps.setInt(2, lowestUnseen);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            java.sql.Timestamp created = rs.getTimestamp(2);
            // an older transaction may commit after a newer one: look back 200 ms
            java.sql.Timestamp from = new java.sql.Timestamp(created.getTime() - 200);
            if (from.after(since)) {
              since = from;
            }
            int i = rs.getInt(1);
            if (i > 0 && i <= LATENCY_FACTS && seen[i] == 0 && committed[i] != 0) {
              seen[i] = now;
              found++;
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double pct(List<Long> sorted, int p) {
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void exec(String sql) throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute(sql);
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
