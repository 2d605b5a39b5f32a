package io.pgsignal.system.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.BenchmarkReport;
import io.pgsignal.system.support.Checkpoint;
import io.pgsignal.system.support.DirectQuery;
import io.pgsignal.system.support.KeepAliveHttp;
import io.pgsignal.system.support.LatencySample;
import io.pgsignal.system.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Exposure read path (issue 5): with 1,000,000 events and 10,000 actors (one inbox delivery per
 * event), the inbox page and the unread summary through exposure-api-service (bearer identity, ETag
 * marker, query, JSON) against the same statements run directly over JDBC in the same run (one
 * connection, the baseline, and as many connections as API clients). Goals: inbox p99 under
 * 10 ms, at least 5,000 inbox requests/s, API at least 0.5 of the direct rate. Run with {@code
 * ./scripts/benchmark Exposure}.
 */
class ExposureBenchmark {

  private static final int TOKENS = 500;
  private static final int SEQUENTIAL = 3000;
  private static final int CLIENTS = Integer.getInteger("exposure.bench.clients", 16);
  private static final Duration WARMUP = Duration.ofSeconds(2);
  private static final Duration LOAD = Duration.ofSeconds(10);

  @Test
  void inboxAndSummaryThroughTheApiAgainstDirectSql() throws Exception {
    try (TestDatabase db = TestDatabase.migrated("exposurebench")) {
      long t0 = System.nanoTime();
      ExposureBenchmarkData.load(db);
      Checkpoint.now(db);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      List<String> tokens = ExposureBenchmarkData.tokens(db, TOKENS);
      try (ServiceProcess api = ServiceProcess.start("exposure-api-service", db, Map.of())) {
        String loadBefore = loadAverage();
        URI base = URI.create(api.baseUrl());
        KeepAliveHttp http = new KeepAliveHttp(base);
        List<KeepAliveHttp> clients = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        LatencySample inboxApi = null;
        double inboxConcurrent = 0;
        double inboxServiceCpuMs = 0;
        LatencySample inboxDirect = null;
        double inboxDirectConcurrent = 0;
        double inboxRatio = 0;
        for (String endpoint : List.of("/api/signals/inbox", "/api/signals/inbox/summary")) {
          assertThat(get(http, endpoint, tokens.get(0)).status()).isEqualTo(200);
          IntConsumer call = i -> ok(get(http, endpoint, tokens.get(i % TOKENS)));
          for (int i = 0; i < 500; i++) {
            call.accept(i);
          }
          Duration cpuBefore = api.cpuTime();
          LatencySample seq = LatencySample.measure(0, SEQUENTIAL, call);
          double serviceCpuMs = api.cpuTime().minus(cpuBefore).toNanos() / 1e6 / SEQUENTIAL;
          double concurrent =
              throughput(
                  CLIENTS,
                  c -> {
                    KeepAliveHttp own = new KeepAliveHttp(base);
                    clients.add(own);
                    return i -> ok(get(own, endpoint, tokens.get(i % TOKENS)));
                  });
          boolean summary = endpoint.endsWith("summary");
          String sql = summary ? ExposureStatements.SUMMARY : ExposureStatements.INBOX;
          IntFunction<Object[]> args =
              i ->
                  summary
                      ? ExposureStatements.summaryArgs(actor(i))
                      : ExposureStatements.inboxArgs(actor(i));
          LatencySample direct;
          double directConcurrent;
          try (Connection jdbc = exposureConnection(db);
              DirectQuery q = new DirectQuery(jdbc, sql)) {
            direct = LatencySample.measure(500, SEQUENTIAL, i -> q.run(args.apply(i)));
          }
          List<Connection> connections = new ArrayList<>();
          List<DirectQuery> queries = new ArrayList<>();
          try {
            for (int c = 0; c < CLIENTS; c++) {
              connections.add(exposureConnection(db));
              queries.add(new DirectQuery(connections.get(c), sql));
            }
            directConcurrent = throughput(CLIENTS, c -> i -> queries.get(c).run(args.apply(i)));
          } finally {
            for (Connection c : connections) {
              c.close();
            }
          }
          rows.add(row(endpoint, seq, concurrent, direct, directConcurrent));
          if (!summary) {
            inboxApi = seq;
            inboxConcurrent = concurrent;
            inboxServiceCpuMs = serviceCpuMs;
            inboxDirect = direct;
            inboxDirectConcurrent = directConcurrent;
            inboxRatio = concurrent / direct.perSecond();
          }
        }
        rows.add(notModifiedRow(http, tokens));
        clients.forEach(KeepAliveHttp::close);
        http.close();
        rows.addAll(floorRows(db));
        String load = loadBefore + " → " + loadAverage();
        BenchmarkReport.writeSection(
            "exposure",
            "Exposure read path: inbox and summary (issue 5)",
            "./scripts/benchmark Exposure",
            report(
                rows,
                loadSeconds,
                load,
                inboxApi,
                inboxConcurrent,
                inboxServiceCpuMs,
                inboxDirect,
                inboxDirectConcurrent,
                inboxRatio));
      }
    }
  }

  /**
   * Direct-only rows that show where a request's time goes: a bare round trip, and the marker alone
   * (the statement an unchanged poll runs), sequential on one connection.
   */
  private static List<String> floorRows(TestDatabase db) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (var statement :
        List.of(
            Map.entry("direct only: one round trip (SELECT 1)", "SELECT 1"),
            Map.entry(
                "direct only: the inbox marker alone (what a 304 poll reads)",
                ExposureStatements.MARKER))) {
      try (Connection jdbc = exposureConnection(db);
          DirectQuery q = new DirectQuery(jdbc, statement.getValue())) {
        LatencySample d = LatencySample.measure(500, SEQUENTIAL, i -> q.run(actor(i)));
        rows.add(
            "| %s | | | | %s | %s | %s on 1 conn | | |"
                .formatted(
                    statement.getKey(),
                    BenchmarkReport.num(d.p50Ms(), 2),
                    BenchmarkReport.num(d.p99Ms(), 2),
                    BenchmarkReport.num(d.perSecond(), 0)));
      }
    }
    return rows;
  }

  private String notModifiedRow(KeepAliveHttp http, List<String> tokens) {
    String[] tags = new String[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      tags[i] =
          Objects.requireNonNull(
              get(http, "/api/signals/inbox", tokens.get(i), null).header("ETag"));
    }
    LatencySample s =
        LatencySample.measure(
            200,
            SEQUENTIAL,
            i -> {
              int status =
                  get(http, "/api/signals/inbox", tokens.get(i % TOKENS), tags[i % TOKENS])
                      .status();
              if (status != 304) {
                throw new IllegalStateException("expected 304, got " + status);
              }
            });
    return "| inbox poll, unchanged (If-None-Match → 304) | %s | %s | %s (sequential) | | | | | |"
        .formatted(
            BenchmarkReport.num(s.p50Ms(), 2),
            BenchmarkReport.num(s.p99Ms(), 2),
            BenchmarkReport.num(s.perSecond(), 0));
  }

  private static KeepAliveHttp.Reply get(KeepAliveHttp http, String path, String token) {
    return get(http, path, token, null);
  }

  private static KeepAliveHttp.Reply get(
      KeepAliveHttp http, String path, String token, String ifNoneMatch) {
    return http.get(
        path,
        ifNoneMatch == null
            ? Map.of("Authorization", "Bearer " + token)
            : Map.of("Authorization", "Bearer " + token, "If-None-Match", ifNoneMatch));
  }

  private static void ok(KeepAliveHttp.Reply r) {
    if (r.status() != 200) {
      throw new IllegalStateException(r.status() + " " + r.body());
    }
  }

  /** The actor of token {@code i % TOKENS}, as the API resolves it. */
  private static String actor(int i) {
    return "agent:bench-" + (1 + i % TOKENS);
  }

  /** A direct connection under the API's role, so both run the same statement as the same role. */
  private static Connection exposureConnection(TestDatabase db) throws SQLException {
    Connection c = db.connect();
    try (Statement s = c.createStatement()) {
      s.execute("SET ROLE signal_exposure");
    }
    return c;
  }

  /** The 1-minute load average (the machine is shared: figures depend on it). */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /**
   * Requests per second with {@code clients} threads, client c calling {@code perClient.apply(c)}
   * in a loop: {@link #WARMUP} not counted, then {@link #LOAD} counted.
   */
  private static double throughput(int clients, IntFunction<IntConsumer> perClient)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long from = System.nanoTime() + WARMUP.toNanos();
    long end = from + LOAD.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c * 7919;
      IntConsumer call = perClient.apply(c);
      Thread t =
          new Thread(
              () -> {
                int i = offset;
                long now;
                while ((now = System.nanoTime()) < end) {
                  call.accept(i++);
                  if (now >= from) {
                    done.incrementAndGet();
                  }
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

  private static String row(
      String endpoint,
      LatencySample api,
      double concurrent,
      LatencySample direct,
      double directConcurrent) {
    return "| %s | %s | %s | %s seq / %s with %d clients | %s | %s | %s on 1 conn / %s on %d | %s | %s |"
        .formatted(
            endpoint,
            BenchmarkReport.num(api.p50Ms(), 2),
            BenchmarkReport.num(api.p99Ms(), 2),
            BenchmarkReport.num(api.perSecond(), 0),
            BenchmarkReport.num(concurrent, 0),
            CLIENTS,
            BenchmarkReport.num(direct.p50Ms(), 2),
            BenchmarkReport.num(direct.p99Ms(), 2),
            BenchmarkReport.num(direct.perSecond(), 0),
            BenchmarkReport.num(directConcurrent, 0),
            CLIENTS,
            BenchmarkReport.num(concurrent / direct.perSecond(), 2),
            BenchmarkReport.num(concurrent / directConcurrent, 2));
  }

  private static String report(
      List<String> rows,
      double loadSeconds,
      String load,
      LatencySample inbox,
      double inboxConcurrent,
      double serviceCpuMs,
      LatencySample direct,
      double directConcurrent,
      double ratio) {
    return """
        Data: %,d events, %,d actors, one inbox delivery per event (70%% delivered, 20%% read, 10%% acknowledged),
        100 deliveries per actor, loaded with generate_series in %s s. An actor's deliveries share one state,
        so 70%% of the requested actors have 100 unread (a full page of 50 and a cursor) and 30%% an empty page.
        Requests rotate over %d actors with agent tokens; each API request resolves the token (cached) and
        sends one statement as role signal_exposure: the change marker (signal.v_inbox_marker, one per-actor
        counter row since V309, for the ETag) and the page or summary together. The inbox page walks the
        recipient's open-deliveries index newest first and stops after limit + 1 = 51 rows; the service renders
        them as JSON (rendering them in PostgreSQL with to_json/json_agg instead was measured by this benchmark
        on 2026-12-01: the direct statement fell from 1,557 to 1,029-1,189 req/s and the API fell with it, so it
        was not kept). Direct = that same statement, verbatim, as
        signal_exposure over JDBC in the same run: sequential on one connection (the issue's baseline) and
        with %d connections. The HTTP client is a blocking keep-alive connection per client thread
        (support/KeepAliveHttp), so both sides are measured from a thread that does its own socket I/O;
        until 2026-12-01 it was the JDK HttpClient, which hands every exchange to its selector thread and
        an executor and back (on 2 shared cores each hand-off waits for a slot, and that time was charged
        to the API). Client, service and PostgreSQL share the 2 cores (1-minute
        load average %s during the run): absolute figures are a floor, ratios are the comparison.

        Where the time goes: a full inbox page costs PostgreSQL %s ms at p50 on one connection (51 deliveries,
        each joined to its event and probed for an explicit read, 22 columns), a bare round trip and the
        marker alone are the two "direct only" rows below; the API path (HTTP client, Vert.x/RESTEasy, token,
        ETag, the statement, JSON) takes %s ms at p50. The service process used %s ms of CPU per sequential
        inbox request (all its threads, from the OS): more than the event loop's share, because these requests
        come right after start-up and 500 warm-up requests, while the JIT compiler is still at work (a JFR
        recording showed its C2 thread as busy as the event loop during this phase; GC is in the figure too).
        Of the service's CPU samples (JFR, 2026-12-01), writing the JSON was about a third, and a third of that
        was java.time formatting the page's ~200 timestamps, now written digit by digit (same text); decoding
        the 51 rows from the wire about a tenth; the rest the HTTP, RESTEasy and Vert.x pipeline, the cached
        token and the ETag. A page now goes out in one write with a Content-Length (64 KiB output buffer)
        instead of six chunked writes. The benchmarks' own JVM logs at INFO (QuietClientLogging): until 2026-12-01
        its JBoss LogManager was at root level ALL and built a debug record for every pgjdbc and HttpClient call
        (a third of its CPU, on the same 2 cores), so earlier figures, the direct ones included, are not comparable. Five alternating runs
        each of the service before and after these changes (2026-12-01, same client) did not separate them:
        sequential inbox p50/p99 1.95-2.50/10.46-14.10 ms before and 1.83-2.64/10.27-13.20 ms after, 16 clients
        713-906 and 627-849 req/s; CPU per sequential request 2.11-2.57 ms before and 1.88-2.21 ms after (two
        runs each), a difference the JIT's share of that figure and the shared machine hide. One run with
        5,000 warm-up requests instead of 500 (not this benchmark's setting) gave p50 1.39 ms, 559 req/s
        sequential and 0.94 ms of service CPU per request, but still p99 11.02 ms: the tail is not the JIT's.
        At 5,000 requests/s the 2 cores leave 0.4 ms of CPU per request for client, service and PostgreSQL
        together, so that goal is out of reach for full 50-item pages on this machine: the statement alone,
        without any HTTP, ran %s times a second on %d connections; an unchanged poll
        (If-None-Match → 304) is the cheap path clients are meant to use. The p99 moves with the load of the
        shared machine (compare the direct p99, the statement alone on an otherwise idle connection). GC: the
        service runs with its image's ParallelGC; with G1 (the JVM's default here) the same benchmark gave the
        same p99 within noise (2026-12-01: 13.77 ms with G1, 13.44 ms with ParallelGC, one run each).

        | request | API p50 ms | API p99 ms | API req/s | direct p50 ms | direct p99 ms | direct req/s | API ÷ direct (%d clients ÷ 1 conn) | API ÷ direct (%d ÷ %d) |
        |---|---|---|---|---|---|---|---|---|
        %s

        Goals: inbox p99 < 10 ms: %s (%s ms); ≥ 5,000 inbox req/s: %s (%s); API ≥ 0.5 × direct: %s (%s).
        """
        .formatted(
            ExposureBenchmarkData.EVENTS,
            ExposureBenchmarkData.ACTORS,
            BenchmarkReport.num(loadSeconds, 1),
            TOKENS,
            CLIENTS,
            load,
            BenchmarkReport.num(direct.p50Ms(), 2),
            BenchmarkReport.num(inbox.p50Ms(), 2),
            BenchmarkReport.num(serviceCpuMs, 2),
            BenchmarkReport.num(directConcurrent, 0),
            CLIENTS,
            CLIENTS,
            CLIENTS,
            CLIENTS,
            String.join("\n", rows),
            inbox.p99Ms() < 10 ? "met" : "NOT met",
            BenchmarkReport.num(inbox.p99Ms(), 2),
            inboxConcurrent >= 5000 ? "met" : "NOT met",
            BenchmarkReport.num(inboxConcurrent, 0),
            ratio >= 0.5 ? "met" : "NOT met",
            BenchmarkReport.num(ratio, 2));
  }
}
