package io.pgsignal.system.pivot;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's catalog, generated in PostgreSQL: one registry, {@value #GROUPS} groups of
 * {@value #LEAVES_PER_GROUP} lists (100,000 leaves), one pivot per list and per group, and 985,000
 * births spread over the lists; then the pivots are refreshed in PostgreSQL. Every 50th list has no
 * pivot (PIVOT_MISSING), every 20th is unmeasured, every 7th records one birth too many (drift).
 */
final class PivotBenchmarkData {

  static final int GROUPS = 100;
  static final int LEAVES_PER_GROUP = 1_000;
  static final int BIRTHS = 985_000;

  private static final String SEED =
      """
      INSERT INTO public.meta_catalog (code, name, entity_type, composition_level, parent_code)
      VALUES ('CAT-BENCH', 'Benchmark registry', 'registry', 'registry', NULL);
      INSERT INTO public.meta_catalog
          (code, name, entity_type, composition_level, parent_code, record_count, count_source, pivot_code)
      SELECT 'CAT-BENCH-G' || g, 'Group ' || g, 'type_' || g, 'group', 'CAT-BENCH', NULL, 'unmeasured',
             'PIV-BENCH-G' || g
      FROM generate_series(1, %1$d) g;
      INSERT INTO public.pivot_definition (code, name, dimension, dim_value)
      SELECT 'PIV-BENCH-G' || g, 'Births of type_' || g, 'entity_type', 'type_' || g
      FROM generate_series(1, %1$d) g;
      INSERT INTO public.list_birth (list_code, entity_type)
      SELECT 'CAT-BENCH-G' || (1 + (i / %2$d) %% %1$d) || '-L' || (i %% %2$d), 'type_' || (1 + (i / %2$d) %% %1$d)
      FROM generate_series(0, %3$d - 1) i;
      INSERT INTO public.pivot_definition (code, name, dimension, dim_value)
      SELECT 'PIV-BENCH-G' || g || '-L' || l, 'Births in list ' || l, 'list_code', 'CAT-BENCH-G' || g || '-L' || l
      FROM generate_series(1, %1$d) g CROSS JOIN generate_series(0, %2$d - 1) l
      WHERE (g * %2$d + l) %% 50 <> 0;
      SELECT public.fn_refresh_pivot_results(NULL);
      INSERT INTO public.meta_catalog
          (code, name, entity_type, composition_level, parent_code, record_count, count_source, pivot_code)
      SELECT 'CAT-BENCH-G' || g || '-L' || l, 'List ' || l, 'type_' || g, 'list', 'CAT-BENCH-G' || g,
             CASE WHEN (g * %2$d + l) %% 20 = 0 THEN NULL
                  ELSE coalesce(r.value, 0) + CASE WHEN (g * %2$d + l) %% 7 = 0 THEN 1 ELSE 0 END END,
             CASE WHEN (g * %2$d + l) %% 20 = 0 THEN 'unmeasured' ELSE 'pivot' END,
             'PIV-BENCH-G' || g || '-L' || l
      FROM generate_series(1, %1$d) g CROSS JOIN generate_series(0, %2$d - 1) l
      LEFT JOIN public.pivot_results r ON r.pivot_code = 'PIV-BENCH-G' || g || '-L' || l;
      ANALYZE public.meta_catalog;
      ANALYZE public.pivot_definition;
      ANALYZE public.pivot_results;
      ANALYZE public.list_birth;
      """
          .formatted(GROUPS, LEAVES_PER_GROUP, BIRTHS);

  private PivotBenchmarkData() {}

  static void seed(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(SEED);
    }
  }

  static String leaf(int group, int leaf) {
    return "CAT-BENCH-G" + group + "-L" + leaf;
  }

  static String leafPivot(int group, int leaf) {
    return "PIV-BENCH-G" + group + "-L" + leaf;
  }
}
