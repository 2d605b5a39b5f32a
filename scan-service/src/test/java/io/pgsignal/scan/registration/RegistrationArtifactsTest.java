package io.pgsignal.scan.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.schema.test.TestDatabase;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registration artifacts: committed = generated from the default settings, consistent with the
 * shipped Kubernetes manifest, and seed + rollback touch only their rows.
 */
class RegistrationArtifactsTest {

  static final String REGISTRATION_PREFIX = "signal.scan.registration";

  /** The default policy with scan-service's default registration settings. */
  static final RegistrationInputs DEFAULTS =
      RegistrationInputs.of(
          "0 */6 * * *",
          new SmallRyeConfigBuilder()
              .withMapping(ScanConfig.Registration.class, REGISTRATION_PREFIX)
              .build()
              .getConfigMapping(ScanConfig.Registration.class, REGISTRATION_PREFIX));

  static final Path DEPLOY = Path.of("..", "deploy", "scan");
  static final Path MANIFEST = Path.of("..", "deploy", "k8s", "pg-signal.yaml");

  /** Minimal Directus tables, column for column as Directus 11.x creates them. */
  static final String DIRECTUS_TABLES =
      """
      CREATE TABLE public.directus_flows (id uuid NOT NULL PRIMARY KEY, name varchar(255) NOT NULL,
          icon varchar(64), color varchar(255), description text, status varchar(255) NOT NULL DEFAULT 'active',
          trigger varchar(255), accountability varchar(255) DEFAULT 'all', options json, operation uuid UNIQUE,
          date_created timestamptz DEFAULT CURRENT_TIMESTAMP, user_created uuid);
      CREATE TABLE public.directus_operations (id uuid NOT NULL PRIMARY KEY, name varchar(255),
          key varchar(255) NOT NULL, type varchar(255) NOT NULL, position_x integer NOT NULL,
          position_y integer NOT NULL, options json,
          resolve uuid UNIQUE REFERENCES public.directus_operations (id),
          reject uuid UNIQUE REFERENCES public.directus_operations (id),
          flow uuid NOT NULL REFERENCES public.directus_flows (id) ON DELETE CASCADE,
          date_created timestamptz DEFAULT CURRENT_TIMESTAMP, user_created uuid);
      """;

  /** Another platform's flows, configs and tools that must survive byte for byte. */
  static final String NEIGHBOURS =
      """
      DELETE FROM public.dot_config WHERE key LIKE 'policy.birth_full_scan.%';
      INSERT INTO public.directus_flows (id, name, icon, status, trigger, accountability, options)
      VALUES ('11111111-1111-4111-8111-111111111111', '[DOT-REG] Count Refresh (6h)', 'bolt', 'active', 'schedule',
              'all', '{"cron": "0 */6 * * *"}');
      INSERT INTO public.directus_operations (id, name, key, type, position_x, position_y, options, flow)
      VALUES ('22222222-2222-4222-8222-222222222222', 'log', 'log', 'log', 37, 1, '{"message": "done"}',
              '11111111-1111-4111-8111-111111111111'),
             ('33333333-3333-4333-8333-333333333333', 'Refresh', 'refresh', 'request', 19, 1,
              '{"method": "POST", "url": "http://web:3000/api/dot/count-refresh", "headers": []}',
              '11111111-1111-4111-8111-111111111111');
      UPDATE public.directus_operations SET resolve = '22222222-2222-4222-8222-222222222222'
      WHERE id = '33333333-3333-4333-8333-333333333333';
      UPDATE public.directus_flows SET operation = '33333333-3333-4333-8333-333333333333'
      WHERE id = '11111111-1111-4111-8111-111111111111';
      INSERT INTO public.dot_config (key, value, _dot_origin) VALUES
          ('policy.birth_gate.mode', 'soft', 'b3f1b'), ('policy.dot_reg.count_refresh_cron', '0 */6 * * *', NULL);
      INSERT INTO public.dot_tools (tool_name, tool_type, classification, trigger_type, cron_schedule, script_path)
      VALUES ('dot-reg-count-refresh', 'directus_flow', 'maintenance', 'schedule', '0 */6 * * *', 'flows/count-refresh');
      """;

  static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.migrated("scan_registration");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void committedArtifactsUnderDeployScanAreExactlyWhatTheGeneratorRenders() throws Exception {
    for (String artifact : RegistrationRenderer.ARTIFACTS) {
      String rendered = RegistrationRenderer.render(artifact, DEFAULTS);
      Path file = DEPLOY.resolve(artifact);
      if (Boolean.getBoolean("scan.registration.write")) {
        Files.createDirectories(DEPLOY);
        Files.writeString(file, rendered);
      }
      assertThat(file).exists();
      assertThat(Files.readString(file)).as(artifact).isEqualTo(rendered);
    }
  }

  @Test
  void theCommittedCronJobAndFlowCallTheServiceAndReadTheSecretThatTheShippedManifestCreates()
      throws Exception {
    String cronJob = Files.readString(DEPLOY.resolve("cronjob.yaml"));
    String flow = Files.readString(DEPLOY.resolve("directus-flow.sql"));
    List<Resource> manifest = Resource.parse(Files.readString(MANIFEST));
    String namespace = group(cronJob, "(?m)^  namespace: (\\S+)$");
    URI url = URI.create(group(cronJob, "\"(http[^\"]+)" + RegistrationRenderer.ENDPOINT + "\""));
    String secret = group(cronJob, "secretKeyRef:\\s+name: (\\S+)");
    String key = group(cronJob, "secretKeyRef:\\s+name: \\S+\\s+key: (\\S+)");

    assertThat(group(flow, "'url', '(http[^']+)'")).isEqualTo(url + RegistrationRenderer.ENDPOINT);
    assertThat(manifest)
        .as("namespace of every resource")
        .allSatisfy(
            r ->
                assertThat(r.kind.equals("Namespace") ? r.name : r.namespace).isEqualTo(namespace));
    int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    assertThat(Resource.find(manifest, "Service", url.getHost()).body)
        .as("Service %s of the manifest", url.getHost())
        .containsPattern("\\bport: " + port + "\\b");
    assertThat(Resource.find(manifest, "Secret", secret).body)
        .as("Secret %s of the manifest", secret)
        .containsPattern("(?m)^  " + key + ":");
    assertThat(Resource.find(manifest, "Deployment", "scan-service").body)
        .as("scan-service reads its token from the same Secret")
        .contains("secretRef: {name: " + secret + "}");
  }

  /** One document of the hand-written manifest: enough to find names, namespaces and ports. */
  record Resource(String kind, String name, String namespace, String body) {

    static List<Resource> parse(String manifest) {
      List<Resource> resources = new ArrayList<>();
      for (String doc : manifest.split("(?m)^---$")) {
        resources.add(
            new Resource(
                group(doc, "(?m)^kind: (\\S+)$"),
                group(doc, "(?m)^metadata:\\n  name: (\\S+)$"),
                doc.contains("\n  namespace: ") ? group(doc, "(?m)^  namespace: (\\S+)$") : null,
                doc));
      }
      return resources;
    }

    static Resource find(List<Resource> resources, String kind, String name) {
      return resources.stream()
          .filter(r -> r.kind.equals(kind) && r.name.equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("the manifest has no " + kind + " " + name));
    }
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/ in%n%s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void seedThenRollbackRemovesOnlyTheSchedulersArtifacts() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(DIRECTUS_TABLES);
      s.execute(NEIGHBOURS);
      List<String> before = snapshot(s);

      s.execute(psql(RegistrationRenderer.render("dot-registration.sql", DEFAULTS)));
      s.execute(psql(RegistrationRenderer.render("directus-flow.sql", DEFAULTS)));

      assertThat(
              one(
                  s,
                  "SELECT options::text FROM public.directus_flows WHERE name = '[Birth] Onboarding Full Scan'"))
          .isEqualTo("{\"cron\" : \"0 0 */6 * * *\"}");
      assertThat(
              one(
                  s,
                  "SELECT accountability || '/' || trigger || '/' || status FROM public.directus_flows WHERE id = 'b3f1c0c0-5ca1-4000-8000-000000000001'"))
          .isEqualTo("activity/schedule/active");
      assertThat(
              one(
                  s,
                  "SELECT (options->'headers'->0)::text FROM public.directus_operations WHERE id = 'b3f1c0c0-5ca1-4000-8000-000000000002'"))
          .isEqualTo("{\"header\" : \"Authorization\", \"value\" : \"Bearer the-token\"}");
      assertThat(
              one(
                  s,
                  "SELECT operation::text FROM public.directus_flows WHERE id = 'b3f1c0c0-5ca1-4000-8000-000000000001'"))
          .isEqualTo("b3f1c0c0-5ca1-4000-8000-000000000002");
      assertThat(
              one(
                  s,
                  "SELECT cron_schedule FROM public.dot_tools WHERE tool_name = 'birth-onboarding-full-scan'"))
          .isEqualTo("0 */6 * * *");
      assertThat(
              one(
                  s,
                  "SELECT count(*)::text FROM public.dot_config WHERE key LIKE 'policy.birth_full_scan.%'"))
          .isEqualTo("2");

      s.execute(psql(RegistrationRenderer.render("rollback.sql", DEFAULTS)));

      assertThat(snapshot(s)).isEqualTo(before);
    }
  }

  @Test
  void anInvalidPolicyCronRendersNothing() {
    RegistrationInputs bad =
        new RegistrationInputs(
            "0 0 * * 8", "http://x:1", DEFAULTS.flowId(), DEFAULTS.operationId(), "t", "n", "i");
    assertThatThrownBy(() -> RegistrationRenderer.render("cronjob.yaml", bad))
        .hasMessageContaining("day-of-week value 8");
  }

  /** What psql would send: the token variable substituted. */
  private static String psql(String sql) {
    return sql.replace(":'scan_trigger_token'", "'the-token'");
  }

  private static List<String> snapshot(Statement s) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String table :
        List.of("directus_flows", "directus_operations", "dot_config", "dot_tools")) {
      try (ResultSet rs =
          s.executeQuery("SELECT t::text FROM public." + table + " t ORDER BY t::text")) {
        while (rs.next()) {
          rows.add(table + ": " + rs.getString(1));
        }
      }
    }
    return rows;
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
