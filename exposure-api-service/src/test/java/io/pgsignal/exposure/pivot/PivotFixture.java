package io.pgsignal.exposure.pivot;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small seeded catalog under {@code CAT-T} with one list in each state the API makes explicit.
 * Seeded once per test database (idempotent), as the platform would: catalog rows, pivot
 * definitions, births, then {@code public.fn_refresh_pivot_results} in PostgreSQL.
 *
 * <pre>
 * list                      record  births  pivot            state
 * CAT-T-SPECIES-OK              30      30  PIV-T-OK         verified, PIVOT_OK
 * CAT-T-SPECIES-DRIFT           50      45  PIV-T-DRIFT      drift (gap -5, over_recorded)
 * CAT-T-SPECIES-UNMEASURED    null      12  PIV-T-UNMEASURED unverified / unmeasured
 * CAT-T-SPECIES-NOPIVOT          7       -  PIV-T-UNDEFINED  PIVOT_MISSING (never defined)
 * CAT-T-SPECIES-STALE           20   20(+5) PIV-T-STALE      PIVOT_STALE: refreshed 3 days ago, 5 births since
 * CAT-T-SPECIES-RETIRED          9       -  -                retired: not a living list
 * </pre>
 *
 * PIV-T-NEVER is defined but never refreshed (PIVOT_MISSING with a name).
 */
final class PivotFixture {

  static final String SEED =
      """
      INSERT INTO public.meta_catalog
          (code, name, entity_type, composition_level, parent_code, lifecycle, record_count, count_source, pivot_code)
      VALUES ('CAT-T', 'Test registry', 'registry', 'registry', NULL, 'living', NULL, 'unmeasured', NULL),
             ('CAT-T-SPECIES', 'Test species', 'test_species', 'group', 'CAT-T', 'living', 100, 'manual', 'PIV-T-SPECIES'),
             ('CAT-T-SPECIES-OK', 'Verified list', 'test_species', 'list', 'CAT-T-SPECIES', 'living', 30, 'pivot', 'PIV-T-OK'),
             ('CAT-T-SPECIES-DRIFT', 'Drifted list', 'test_species', 'list', 'CAT-T-SPECIES', 'living', 50, 'manual', 'PIV-T-DRIFT'),
             ('CAT-T-SPECIES-UNMEASURED', 'Unmeasured list', 'test_species', 'list', 'CAT-T-SPECIES', 'living', NULL, 'unmeasured', 'PIV-T-UNMEASURED'),
             ('CAT-T-SPECIES-NOPIVOT', 'List without pivot', 'test_species', 'list', 'CAT-T-SPECIES', 'living', 7, 'manual', 'PIV-T-UNDEFINED'),
             ('CAT-T-SPECIES-STALE', 'Stale list', 'test_species', 'list', 'CAT-T-SPECIES', 'living', 20, 'pivot', 'PIV-T-STALE'),
             ('CAT-T-SPECIES-RETIRED', 'Retired list', 'test_species', 'list', 'CAT-T-SPECIES', 'retired', 9, 'manual', NULL);
      INSERT INTO public.pivot_definition (code, name, dimension, dim_value)
      VALUES ('PIV-T-SPECIES', 'Births of test species', 'entity_type', 'test_species'),
             ('PIV-T-OK', 'Births in the verified list', 'list_code', 'CAT-T-SPECIES-OK'),
             ('PIV-T-DRIFT', 'Births in the drifted list', 'list_code', 'CAT-T-SPECIES-DRIFT'),
             ('PIV-T-UNMEASURED', 'Births in the unmeasured list', 'list_code', 'CAT-T-SPECIES-UNMEASURED'),
             ('PIV-T-STALE', 'Births in the stale list', 'list_code', 'CAT-T-SPECIES-STALE'),
             ('PIV-T-NEVER', 'A pivot nobody refreshed', 'list_code', 'CAT-T-SPECIES-OK');
      INSERT INTO public.list_birth (list_code, entity_type)
      SELECT l.code, 'test_species'
      FROM (VALUES ('CAT-T-SPECIES-OK', 30), ('CAT-T-SPECIES-DRIFT', 45),
                   ('CAT-T-SPECIES-UNMEASURED', 12), ('CAT-T-SPECIES-STALE', 20)) AS l (code, births)
      CROSS JOIN LATERAL generate_series(1, l.births);
      SELECT public.fn_refresh_pivot_results(
          ARRAY['PIV-T-SPECIES', 'PIV-T-OK', 'PIV-T-DRIFT', 'PIV-T-UNMEASURED', 'PIV-T-STALE']);
      UPDATE public.pivot_results SET refreshed_at = now() - interval '3 days' WHERE pivot_code = 'PIV-T-STALE';
      INSERT INTO public.list_birth (list_code, entity_type)
      SELECT 'CAT-T-SPECIES-STALE', 'test_species' FROM generate_series(1, 5);
      """;

  private PivotFixture() {}

  static synchronized void seed(TestDatabase db) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      var seeded = s.executeQuery("SELECT 1 FROM public.meta_catalog WHERE code = 'CAT-T'");
      if (!seeded.next()) {
        s.execute(SEED);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot seed the registries pivot fixture", e);
    }
  }
}
