package io.pgsignal.system.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.BenchmarkReport;
import io.pgsignal.system.support.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Exposure read path (issue 5): with 1,000,000 events and 10,000 actors (one inbox delivery per
 * event), the inbox page and the unread summary through exposure-api-service (bearer identity, ETag
 * marker, query, JSON) against the same queries run directly over one JDBC connection in the same
 * run. Goals: inbox p99 under 10 ms, at least 5,000 inbox requests/s, API at least 0.5 of the
 * direct rate. Run with {@code ./scripts/benchmark Exposure}.
 */
class ExposureBenchmark {

  private static final int TOKENS = 500;
  private static final int SEQUENTIAL = 3000;
  private static final int CLIENTS = Integer.getInteger("exposure.bench.clients", 16);
  private static final Duration LOAD = Duration.ofSeconds(10);

  static final String DIRECT_INBOX =
      """
      SELECT i.delivery_id, i.state, i.unread, i.via_role, i.delivered_at, i.read_at, i.acknowledged_at,
             i.resolved_at, i.event_id, i.event_domain, i.event_type, i.event_stream, i.event_severity,
             i.event_subject_type, i.event_subject_ref, i.canonical_address, i.actor_ref, i.correlation_id,
             i.payload_classification, i.safe_payload::text, i.created_at, i.occurred_at
      FROM signal.v_inbox i
      WHERE i.recipient_ref = ? AND i.unread AND i.state <> 'implicit_self'
      ORDER BY i.delivery_id DESC LIMIT 51
      """;
  static final String DIRECT_SUMMARY =
      """
      SELECT s.event_domain, s.event_stream, s.unread, s.unread_critical,
             sum(s.unread) OVER ()::integer, sum(s.unread_critical) OVER ()::integer
      FROM signal.v_inbox_summary s WHERE s.recipient_ref = ? ORDER BY 1, 2
      """;

  private record Sample(double p50, double p99, double perSecond) {}

  @Test
  void inboxAndSummaryThroughTheApiAgainstDirectSql() throws Exception {
    try (TestDatabase db = TestDatabase.migrated("exposurebench")) {
      long t0 = System.nanoTime();
      ExposureBenchmarkData.load(db);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      List<String> tokens = ExposureBenchmarkData.tokens(db, TOKENS);
      try (ServiceProcess api = ServiceProcess.start("exposure-api-service", db, Map.of());
          Connection jdbc = db.connect()) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = api.baseUrl();
        List<String> rows = new ArrayList<>();
        Sample inboxApi = null;
        double inboxRatio = 0;
        for (String endpoint : List.of("/api/signals/inbox", "/api/signals/inbox/summary")) {
          assertThat(get(http, base + endpoint, tokens.get(0)).statusCode()).isEqualTo(200);
          Sample seq =
              measure(500, SEQUENTIAL, i -> ok(get(http, base + endpoint, tokens.get(i % TOKENS))));
          double concurrent =
              throughput(CLIENTS, i -> ok(get(http, base + endpoint, tokens.get(i % TOKENS))));
          String sql = endpoint.endsWith("summary") ? DIRECT_SUMMARY : DIRECT_INBOX;
          Sample direct;
          try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
            direct = measure(500, SEQUENTIAL, i -> read(ps, "agent:bench-" + (1 + i % TOKENS)));
          }
          rows.add(row(endpoint, seq, concurrent, direct));
          if (endpoint.endsWith("inbox")) {
            inboxApi = new Sample(seq.p50(), seq.p99(), concurrent);
            inboxRatio = concurrent / direct.perSecond();
          }
        }
        String etagRow = notModifiedRow(http, base, tokens);
        BenchmarkReport.writeSection(
            "exposure",
            "Exposure read path: inbox and summary (issue 5)",
            "./scripts/benchmark Exposure",
            report(rows, etagRow, loadSeconds, inboxApi, inboxRatio));
      }
    }
  }

  private String notModifiedRow(HttpClient http, String base, List<String> tokens) {
    String[] tags = new String[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      tags[i] =
          get(http, base + "/api/signals/inbox", tokens.get(i), null)
              .headers()
              .firstValue("ETag")
              .orElseThrow();
    }
    Sample s =
        measure(
            200,
            SEQUENTIAL,
            i -> {
              int status =
                  get(http, base + "/api/signals/inbox", tokens.get(i % TOKENS), tags[i % TOKENS])
                      .statusCode();
              if (status != 304) {
                throw new IllegalStateException("expected 304, got " + status);
              }
            });
    return "| inbox poll, unchanged (If-None-Match → 304) | %s | %s | %s (sequential) | | | |"
        .formatted(
            BenchmarkReport.num(s.p50(), 2),
            BenchmarkReport.num(s.p99(), 2),
            BenchmarkReport.num(s.perSecond(), 0));
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token) {
    return get(http, url, token, null);
  }

  private static HttpResponse<String> get(
      HttpClient http, String url, String token, String ifNoneMatch) {
    try {
      var req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
      if (ifNoneMatch != null) {
        req.header("If-None-Match", ifNoneMatch);
      }
      return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void ok(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
  }

  private static void read(PreparedStatement ps, String actor) {
    try {
      ps.setString(1, actor);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Sample measure(int warmup, int n, IntConsumer call) {
    for (int i = 0; i < warmup; i++) {
      call.accept(i);
    }
    long[] nanos = new long[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    return new Sample(nanos[n / 2] / 1e6, nanos[(int) Math.ceil(n * 0.99) - 1] / 1e6, n / seconds);
  }

  /** Requests per second with {@code clients} threads calling in a loop for {@link #LOAD}. */
  private static double throughput(int clients, IntConsumer call) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + LOAD.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c * 7919;
      Thread t =
          new Thread(
              () -> {
                int i = offset;
                while (System.nanoTime() < end) {
                  call.accept(i++);
                  done.incrementAndGet();
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return done.get() / (LOAD.toNanos() / 1e9);
  }

  private static String row(String endpoint, Sample api, double concurrent, Sample direct) {
    return "| %s | %s | %s | %s seq / %s with %d clients | %s | %s | %s |"
        .formatted(
            endpoint,
            BenchmarkReport.num(api.p50(), 2),
            BenchmarkReport.num(api.p99(), 2),
            BenchmarkReport.num(api.perSecond(), 0),
            BenchmarkReport.num(concurrent, 0),
            CLIENTS,
            BenchmarkReport.num(direct.p50(), 2),
            BenchmarkReport.num(direct.perSecond(), 0),
            BenchmarkReport.num(concurrent / direct.perSecond(), 2));
  }

  private static String report(
      List<String> rows, String etagRow, double loadSeconds, Sample inbox, double ratio) {
    return """
        Data: %,d events, %,d actors, one inbox delivery per event (70%% delivered, 20%% read, 10%% acknowledged,
        about 100 deliveries and 70 unread per actor), loaded with generate_series in %s s. Requests rotate
        over %d actors with agent tokens; each API request resolves the token (cached), reads the ETag marker
        (signal.inbox_version) and runs the query as role signal_exposure. Direct = the same SELECT over one
        JDBC connection, sequential, same run. The load generator shares the 2 cores with the service and
        PostgreSQL, so concurrent API figures are a floor.

        | request | API p50 ms | API p99 ms | API req/s | direct p50 ms | direct req/s | API ÷ direct (concurrent) |
        |---|---|---|---|---|---|---|
        %s
        %s

        Goals: inbox p99 < 10 ms: %s (%s ms); ≥ 5,000 inbox req/s: %s (%s); API ≥ 0.5 × direct: %s (%s).
        """
        .formatted(
            ExposureBenchmarkData.EVENTS,
            ExposureBenchmarkData.ACTORS,
            BenchmarkReport.num(loadSeconds, 1),
            TOKENS,
            String.join("\n", rows),
            etagRow,
            inbox.p99() < 10 ? "met" : "NOT met",
            BenchmarkReport.num(inbox.p99(), 2),
            inbox.perSecond() >= 5000 ? "met" : "NOT met",
            BenchmarkReport.num(inbox.perSecond(), 0),
            ratio >= 0.5 ? "met" : "NOT met",
            BenchmarkReport.num(ratio, 2));
  }
}
