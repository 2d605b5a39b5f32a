package io.pgsignal.exposure.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V404: {@code v_count_integrity} and {@code v_registries_pivot_health} read a summary kept by
 * triggers, and must always equal the whole-catalog aggregate they replaced (V401), whatever is
 * written between two refreshes. Each test compares both rows with that live aggregate.
 */
class PivotIntegritySummaryTest {

  /** V401's aggregate over the living lists, recomputed live as the reference. */
  private static final String LIVE_INTEGRITY =
      """
      SELECT count(*), coalesce(sum(n.record_count), 0), coalesce(sum(n.pivot_count), 0),
             coalesce(sum(n.gap), 0),
             count(*) FILTER (WHERE n.count_integrity_status = 'drift'),
             count(*) FILTER (WHERE n.count_integrity_status = 'unverified'),
             count(*) FILTER (WHERE n.pivot_backed), count(*) FILTER (WHERE NOT n.pivot_backed),
             count(*) FILTER (WHERE n.pivot_stale), min(n.refreshed_at)
      FROM public.v_registries_pivot_node n
      WHERE n.composition_level = 'list' AND n.lifecycle = 'living'
      """;

  private static final String SUMMARY_INTEGRITY =
      """
      SELECT leaf_rows, sum_record, sum_actual, net_gap, drift_rows, unverified_rows, pivot_backed,
             pivot_missing, pivot_stale, oldest_refreshed_at
      FROM public.v_count_integrity
      """;

  private static final String LIVE_HEALTH =
      """
      SELECT (SELECT count(*) FROM public.meta_catalog), (SELECT count(*) FROM public.pivot_definition),
             (SELECT count(*) FROM public.pivot_results),
             (SELECT count(*) FROM public.pivot_definition d
               WHERE NOT EXISTS (SELECT 1 FROM public.pivot_results r WHERE r.pivot_code = d.code)),
             (SELECT count(*) FROM public.pivot_results r JOIN public.pivot_definition d ON d.code = r.pivot_code
               WHERE r.refreshed_at < now() - d.max_age),
             (SELECT min(refreshed_at) FROM public.pivot_results),
             (SELECT max(refreshed_at) FROM public.pivot_results)
      """;

  private static final String SUMMARY_HEALTH =
      """
      SELECT catalog_nodes, pivot_definitions, pivot_results, pivots_never_refreshed, pivots_stale,
             oldest_refreshed_at, newest_refreshed_at
      FROM public.v_registries_pivot_health
      """;

  private static final String NEW_LISTS =
      """
      INSERT INTO public.meta_catalog
          (code, name, entity_type, composition_level, parent_code, record_count, count_source, pivot_code)
      SELECT 'CAT-T-SPECIES-N' || i, 'New list ' || i, 'test_species', 'list', 'CAT-T-SPECIES', i, 'manual',
             'PIV-T-N' || i
      FROM generate_series(1, 20) i;
      INSERT INTO public.pivot_definition (code, name, dimension, dim_value)
      SELECT 'PIV-T-N' || i, 'Births in new list ' || i, 'list_code', 'CAT-T-SPECIES-N' || i
      FROM generate_series(1, 20) i WHERE i % 4 <> 0;
      INSERT INTO public.list_birth (list_code, entity_type)
      SELECT 'CAT-T-SPECIES-N' || i, 'test_species' FROM generate_series(1, 20) i, generate_series(1, i % 3);
      """;

  private TestDatabase db;

  @BeforeEach
  void migrate() {
    db = TestDatabase.migrated("pivot_summary");
    PivotFixture.seed(db);
  }

  @AfterEach
  void drop() {
    db.close();
  }

  @Test
  void summaryEqualsTheLiveAggregateAfterEveryKindOfWrite() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertSummaryIsLive(s);
      List<String> writes =
          List.of(
              NEW_LISTS,
              "UPDATE public.meta_catalog SET record_count = 31, count_source = 'manual'"
                  + " WHERE code = 'CAT-T-SPECIES-OK'",
              "UPDATE public.meta_catalog SET lifecycle = 'retired' WHERE code = 'CAT-T-SPECIES-N2'",
              "UPDATE public.meta_catalog SET record_count = NULL, count_source = 'unmeasured'"
                  + " WHERE code = 'CAT-T-SPECIES-N3'",
              "SELECT public.fn_refresh_pivot_results(ARRAY['PIV-T-N1', 'PIV-T-N2', 'PIV-T-OK'])",
              "UPDATE public.pivot_results SET refreshed_at = now() - interval '2 days'"
                  + " WHERE pivot_code = 'PIV-T-N1'",
              "SELECT public.fn_refresh_pivot_results(NULL)",
              "UPDATE public.pivot_definition SET max_age = interval '1 hour' WHERE code = 'PIV-T-OK'",
              "UPDATE public.pivot_results SET refreshed_at = now() - interval '2 hours'"
                  + " WHERE pivot_code = 'PIV-T-OK'",
              "DELETE FROM public.pivot_results WHERE pivot_code = 'PIV-T-N5'",
              "DELETE FROM public.pivot_definition WHERE code IN ('PIV-T-N6', 'PIV-T-NEVER')",
              "DELETE FROM public.meta_catalog WHERE code IN ('CAT-T-SPECIES-N7', 'CAT-T-SPECIES-N8')",
              "TRUNCATE public.pivot_results");
      for (String write : writes) {
        s.execute(write);
        assertSummaryIsLive(s);
      }
    }
  }

  @Test
  void concurrentCatalogEditsAndRefreshesLeaveTheSummaryExact() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(NEW_LISTS);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> editAndRefresh(writer)));
      }
      for (Future<?> f : writers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertSummaryIsLive(s);
    }
  }

  @Test
  void exposureRoleCannotReadOrRebuildTheSummaryTables() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET ROLE signal_exposure");
      for (String table :
          new String[] {"pivot_integrity_summary", "pivot_integrity_refresh_group"}) {
        assertThatThrownBy(() -> s.executeQuery("SELECT 1 FROM public." + table))
            .hasMessageContaining("permission denied");
      }
      assertThatThrownBy(() -> s.executeQuery("SELECT public.fn_pivot_summary_rebuild()"))
          .hasMessageContaining("permission denied");
    }
  }

  private Void editAndRefresh(int writer) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (int round = 0; round < 15; round++) {
        int list = 1 + (writer * 5 + round) % 20;
        s.execute(
            "UPDATE public.meta_catalog SET record_count = coalesce(record_count, 0) + 1,"
                + " count_source = 'manual' WHERE code = 'CAT-T-SPECIES-N"
                + list
                + "'");
        // One pivot per refresh (one row lock): writers race on the summary, never deadlock on
        // rows.
        s.execute(
            "SELECT public.fn_refresh_pivot_results(ARRAY['PIV-T-N"
                + (1 + (list + 5) % 20)
                + "'])");
      }
    }
    return null;
  }

  private static void assertSummaryIsLive(Statement s) throws SQLException {
    assertThat(row(s, SUMMARY_INTEGRITY)).isEqualTo(row(s, LIVE_INTEGRITY));
    assertThat(row(s, SUMMARY_HEALTH)).isEqualTo(row(s, LIVE_HEALTH));
  }

  private static List<String> row(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }
}
