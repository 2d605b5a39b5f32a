package io.pgsignal.exposure.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registries pivot's SQL contract (V400-V403) on its own database: role, refresh, checks. */
class PivotSchemaTest {

  private static TestDatabase db;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.migrated("pivot");
    PivotFixture.seed(db);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void exposureRoleReadsTheViewsAndFunctionsButNoTable() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET ROLE signal_exposure");
      assertThat(one(s, "SELECT count(*) FROM public.v_living_lists")).isEqualTo("5");
      assertThat(one(s, "SELECT status FROM public.v_count_integrity")).isEqualTo("drift");
      assertThat(one(s, "SELECT code FROM public.fn_registries_pivot_node_substrate('CAT-T')"))
          .isEqualTo("CAT-T");
      assertThat(one(s, "SELECT public.pivot_count('PIV-T-OK')")).isEqualTo("30");
      assertThat(one(s, "SELECT badge FROM public.pivot_query('PIV-T-NEVER')"))
          .isEqualTo("PIVOT_MISSING");
      for (String table : new String[] {"meta_catalog", "pivot_results", "list_birth"}) {
        assertThatThrownBy(() -> s.executeQuery("SELECT 1 FROM public." + table))
            .hasMessageContaining("permission denied");
      }
      assertThatThrownBy(() -> s.executeQuery("SELECT public.fn_refresh_pivot_results(NULL)"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void refreshComputesEveryPivotInsidePostgresAndStampsRefreshedAt() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("BEGIN");
      assertThat(one(s, "SELECT public.fn_refresh_pivot_results(NULL)")).isEqualTo("6");
      assertThat(one(s, "SELECT public.pivot_count('PIV-T-STALE')")).isEqualTo("25");
      assertThat(one(s, "SELECT public.pivot_count('PIV-T-SPECIES')")).isEqualTo("112");
      assertThat(one(s, "SELECT count(*) FROM public.v_pivot_values WHERE badge <> 'PIVOT_OK'"))
          .isEqualTo("0");
      s.execute("ROLLBACK");
    }
  }

  @Test
  void catalogRefusesCodesOutsideTheApiAllowList() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO public.meta_catalog (code, name, entity_type, composition_level,"
                          + " parent_code) VALUES ('CAT-x''--', 'x', 'x', 'list', 'CAT-T')"))
          .hasMessageContaining("ck_meta_catalog_code");
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO public.meta_catalog (code, name, entity_type, composition_level,"
                          + " parent_code, count_source, record_count)"
                          + " VALUES ('CAT-T-X', 'x', 'x', 'list', 'CAT-T', 'unmeasured', 3)"))
          .hasMessageContaining("ck_meta_catalog_unmeasured");
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }
}
