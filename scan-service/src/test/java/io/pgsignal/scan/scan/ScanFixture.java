package io.pgsignal.scan.scan;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Plants collections with known onboarding gaps into the test database, and resets it. */
public final class ScanFixture {

  /** The gaps planted by {@link #plant}: entity_ref of the issue each must open. */
  public static final Set<String> PLANTED_GAPS =
      Set.of(
          "scan_t_notrig#birth_trigger_missing",
          "scan_t_dis#birth_trigger_disabled",
          "scan_t_gone#table_missing",
          "scan_t_nosp#species_unmapped",
          "scan_t_unrec#births_unrecorded");

  static final String RESET =
      """
      DELETE FROM public.system_issues;
      DELETE FROM public.birth_registry;
      DELETE FROM public.collection_registry;
      DELETE FROM signal.outbox;
      DROP TABLE IF EXISTS public.scan_t_ok, public.scan_t_notrig, public.scan_t_dis, public.scan_t_nosp,
          public.scan_t_unrec;
      INSERT INTO public.species (species_code, description) VALUES ('scan_doc', 'test document')
          ON CONFLICT DO NOTHING;
      INSERT INTO public.dot_config (key, value, _dot_origin) VALUES
          ('policy.birth_full_scan.enabled', 'true', 'b3f1c-c'),
          ('policy.birth_full_scan.cadence_cron', '0 */6 * * *', 'b3f1c-c')
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
      """;

  static final String PLANT =
      """
      CREATE TABLE public.scan_t_ok (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
      CREATE TABLE public.scan_t_notrig (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
      CREATE TABLE public.scan_t_dis (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
      CREATE TABLE public.scan_t_nosp (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
      CREATE TABLE public.scan_t_unrec (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
      CREATE TRIGGER trg_birth AFTER INSERT ON public.scan_t_ok FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
      CREATE TRIGGER trg_birth AFTER INSERT ON public.scan_t_dis FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
      CREATE TRIGGER trg_birth AFTER INSERT ON public.scan_t_nosp FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
      CREATE TRIGGER trg_birth AFTER INSERT ON public.scan_t_unrec FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
      ALTER TABLE public.scan_t_dis DISABLE TRIGGER trg_birth;
      INSERT INTO public.collection_registry (collection_name) VALUES
          ('scan_t_ok'), ('scan_t_notrig'), ('scan_t_dis'), ('scan_t_gone'), ('scan_t_nosp'), ('scan_t_unrec');
      INSERT INTO public.collection_registry (collection_name, status) VALUES ('scan_t_retired', 'retired');
      INSERT INTO public.collection_species_map (collection_name, species_code) VALUES
          ('scan_t_ok', 'scan_doc'), ('scan_t_notrig', 'scan_doc'), ('scan_t_dis', 'scan_doc'),
          ('scan_t_gone', 'scan_doc'), ('scan_t_unrec', 'scan_doc');
      INSERT INTO public.scan_t_ok DEFAULT VALUES;
      ALTER TABLE public.scan_t_unrec DISABLE TRIGGER trg_birth;
      INSERT INTO public.scan_t_unrec DEFAULT VALUES;
      ALTER TABLE public.scan_t_unrec ENABLE TRIGGER trg_birth;
      """;

  private final TestDatabase db;

  public ScanFixture(TestDatabase db) {
    this.db = db;
  }

  public void reset() {
    execute(RESET);
  }

  /** Six live collections, one healthy and five with one planted gap each, plus one retired. */
  public void plant() {
    execute(PLANT);
  }

  public void execute(String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<String> strings(String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
