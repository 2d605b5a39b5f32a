package io.pgsignal.system.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.exposure.pivot.PivotReads;
import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.BenchmarkReport;
import io.pgsignal.system.support.Checkpoint;
import io.pgsignal.system.support.DirectQuery;
import io.pgsignal.system.support.KeepAliveHttp;
import io.pgsignal.system.support.LatencySample;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Registries pivot read path (issue 6): 100,000 catalog leaves and 985,000 births behind the
 * pivots. For each endpoint, sequential requests through exposure-api-service against the statement
 * the API sends for it ({@link PivotReads}' own constant, same arguments) run directly over JDBC
 * (one connection, prepared) in the same run. Goal: p99 under 20 ms for node and count. Run with
 * {@code ./scripts/benchmark Pivot}.
 */
class PivotBenchmark {

  private static final String BASE = "/api/registries-pivot";

  /** The API's default page size: its statements are sent with LIMIT 50 + 1. */
  private static final int PAGE = 50;

  /**
   * One endpoint: its HTTP path per call index, and the statement the API sends for it (the
   * service's own constant) with the arguments the API binds for that path.
   */
  private record Target(
      String name,
      int requests,
      IntFunction<String> path,
      String sql,
      IntFunction<Object[]> args) {}

  @Test
  void pivotEndpointsAgainstTheirViewsReadDirectly() throws Exception {
    try (TestDatabase db = TestDatabase.migrated("pivotbench")) {
      long seedStart = System.nanoTime();
      PivotBenchmarkData.seed(db);
      Checkpoint.now(db);
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      try (ServiceProcess api = ServiceProcess.start("exposure-api-service", db, Map.of());
          Connection jdbc = db.connect();
          PivotBenchmarkReader reader = PivotBenchmarkReader.create(db, api)) {
        List<String> rows = new ArrayList<>();
        double nodeP99 = 0;
        double countP99 = 0;
        for (Target t : targets()) {
          assertThat(reader.get(t.path().apply(0)).status()).as(t.name()).isEqualTo(200);
          LatencySample http =
              LatencySample.measure(200, t.requests(), i -> ok(reader.get(t.path().apply(i))));
          LatencySample direct;
          try (DirectQuery q = new DirectQuery(jdbc, t.sql())) {
            direct = LatencySample.measure(200, t.requests(), i -> q.run(t.args().apply(i)));
          }
          rows.add(row(t.name(), http, direct));
          nodeP99 = t.name().startsWith("node") ? Math.max(nodeP99, http.p99Ms()) : nodeP99;
          countP99 = t.name().startsWith("count") ? Math.max(countP99, http.p99Ms()) : countP99;
        }
        BenchmarkReport.writeSection(
            "pivot",
            "Registries pivot read path (issue 6)",
            "./scripts/benchmark Pivot",
            report(rows, seedSeconds, nodeP99, countP99));
      }
    }
  }

  private static List<Target> targets() {
    int groups = PivotBenchmarkData.GROUPS;
    int leaves = PivotBenchmarkData.LEAVES_PER_GROUP;
    IntFunction<String> leaf =
        i -> PivotBenchmarkData.leaf(1 + (i * 7) % groups, (i * 13) % leaves);
    IntFunction<String> pivot =
        i -> PivotBenchmarkData.leafPivot(1 + (i * 7) % groups, (i * 13) % leaves);
    IntFunction<String> group = i -> "CAT-BENCH-G" + (1 + i % groups);
    return List.of(
        new Target(
            "node/{code} (leaf)",
            2000,
            i -> BASE + "/node/" + leaf.apply(i),
            PivotReads.NODE,
            i -> new Object[] {leaf.apply(i)}),
        new Target(
            "count/{pivot_code}",
            2000,
            i -> BASE + "/count/" + pivot.apply(i),
            PivotReads.COUNT,
            i -> new Object[] {pivot.apply(i)}),
        new Target(
            "lists (keyset page of 50)",
            1000,
            i -> BASE + "/lists?cursor=" + leaf.apply(i),
            PivotReads.LISTS,
            i -> new Object[] {leaf.apply(i), null, PAGE}),
        new Target(
            "tree?parent= (page of 50)",
            1000,
            i -> BASE + "/tree?parent=" + group.apply(i),
            PivotReads.TREE_CHILDREN,
            i -> new Object[] {group.apply(i), "", PAGE}),
        new Target(
            "integrity (aggregate of 100k leaves)",
            40,
            i -> BASE + "/integrity",
            PivotReads.INTEGRITY,
            i -> new Object[0]),
        new Target("health", 40, i -> BASE + "/health", PivotReads.HEALTH, i -> new Object[0]));
  }

  private static void ok(KeepAliveHttp.Reply response) {
    if (response.status() != 200) {
      throw new IllegalStateException(response.status() + " " + response.body());
    }
  }

  private static String row(String name, LatencySample http, LatencySample direct) {
    return "| %s | %s | %s | %s | %s | %s | %s |"
        .formatted(
            name,
            BenchmarkReport.num(http.p50Ms(), 2),
            BenchmarkReport.num(http.p99Ms(), 2),
            BenchmarkReport.num(http.perSecond(), 0),
            BenchmarkReport.num(direct.p99Ms(), 2),
            BenchmarkReport.num(direct.perSecond(), 0),
            BenchmarkReport.num(http.perSecond() / direct.perSecond(), 2));
  }

  private static String report(List<String> rows, double seedSeconds, double node, double count) {
    return """
        Data: 100,000 living lists under 100 groups, 98,100 pivots, 985,000 births (generated and
        refreshed inside PostgreSQL in %s s). One client, sequential requests on one kept-alive connection
        (support/KeepAliveHttp: the calling thread does its own socket I/O, as JDBC does); the baseline is the
        same statement the API sends (its own SQL constant, same arguments) over one JDBC connection in the same run.
        2-core machine; client, service and PostgreSQL share it: absolute figures are noisy, ratios less so.

        | endpoint | API p50 ms | API p99 ms | API req/s | JDBC p99 ms | JDBC req/s | API ÷ JDBC req/s |
        |---|---|---|---|---|---|---|
        %s

        Goal p99 < 20 ms for node and count: node %s ms, count %s ms (%s).
        """
        .formatted(
            BenchmarkReport.num(seedSeconds, 1),
            String.join("\n", rows),
            BenchmarkReport.num(node, 2),
            BenchmarkReport.num(count, 2),
            node < 20 && count < 20 ? "met" : "NOT met");
  }
}
