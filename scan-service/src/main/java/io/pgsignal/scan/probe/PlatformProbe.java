package io.pgsignal.scan.probe;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.observability.IssuesShapeProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Seed 000 §4's probe table, answered live from the database. */
@ApplicationScoped
public class PlatformProbe {

  static final String TABLES_SQL =
      """
      SELECT to_regclass('public.directus_flows') IS NOT NULL, to_regclass('public.directus_operations') IS NOT NULL,
             to_regclass('public.dot_tools') IS NOT NULL, to_regclass('public.dot_config') IS NOT NULL
      """;
  static final String COUNT_REFRESH_SQL =
      """
      SELECT f.id::text, f.name, f.status, f.trigger, f.options::text,
             (SELECT json_agg(json_build_object('type', o.type, 'options', o.options))::text
              FROM public.directus_operations o WHERE o.flow = f.id)
      FROM public.directus_flows f WHERE f.name ILIKE '%Count Refresh%' ORDER BY f.name
      """;
  static final String OWN_FLOW_SQL =
      "SELECT f.status, f.options::text FROM public.directus_flows f WHERE f.id = $1";
  static final String TOOLS_SQL =
      """
      SELECT (SELECT json_agg(column_name::text ORDER BY ordinal_position) FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = 'dot_tools')::text,
             (SELECT json_agg(tool_name) FROM public.dot_tools WHERE tool_name ILIKE '%count%refresh%')::text,
             (SELECT row_to_json(t)::text FROM public.dot_tools t WHERE t.tool_name = $1)
      """;
  static final String POLICY_SQL =
      "SELECT key, value FROM public.dot_config WHERE key LIKE 'policy.birth_full_scan.%' ORDER BY key";

  private final Pool pool;
  private final IssuesShapeProbe shapes;
  private final ScanConfig config;

  public PlatformProbe(Pool pool, IssuesShapeProbe shapes, ScanConfig config) {
    this.pool = pool;
    this.shapes = shapes;
    this.config = config;
  }

  public Uni<JsonObject> probe() {
    return pool.query(TABLES_SQL)
        .execute()
        .map(rows -> rows.iterator().next())
        .flatMap(
            t -> {
              boolean flows = t.getBoolean(0) && t.getBoolean(1);
              JsonObject out =
                  new JsonObject()
                      .put("directus_tables_present", flows)
                      .put("dot_tools_present", t.getBoolean(2))
                      .put("dot_config_present", t.getBoolean(3))
                      .put(
                          "q3_nuxt_endpoint_pattern",
                          "answered by this service: POST /api/birth/onboarding/full-scan (bearer token), reactive PostgreSQL client")
                      .put(
                          "q4_flows_env_allow_list",
                          "not visible from PostgreSQL: check the Directus environment (FLOWS_ENV_ALLOW_LIST, IMPORT_IP_DENY_LIST)");
              Uni<JsonObject> chain = Uni.createFrom().item(out);
              if (flows) {
                chain = chain.flatMap(this::flows);
              }
              if (t.getBoolean(2)) {
                chain = chain.flatMap(this::tools);
              }
              if (t.getBoolean(3)) {
                chain = chain.flatMap(this::policy);
              }
              return chain.flatMap(
                  o ->
                      shapes
                          .probe()
                          .map(
                              s ->
                                  o.put(
                                      "q6_system_issues",
                                      new JsonObject()
                                          .put("observability_status", s.status().name())
                                          .put("reason", s.reason())
                                          .put(
                                              "columns",
                                              JsonArray.of(
                                                  s.columns().stream()
                                                      .map(
                                                          c ->
                                                              new JsonObject()
                                                                  .put("name", c.name())
                                                                  .put("type", c.dataType())
                                                                  .put("mandatory", c.mandatory()))
                                                      .toArray())))));
            });
  }

  private Uni<JsonObject> flows(JsonObject out) {
    return pool.query(COUNT_REFRESH_SQL)
        .execute()
        .flatMap(
            rows -> {
              JsonArray found = new JsonArray();
              for (Row r : rows) {
                found.add(
                    new JsonObject()
                        .put("id", r.getString(0))
                        .put("name", r.getString(1))
                        .put("status", r.getString(2))
                        .put("trigger", r.getString(3))
                        .put("options", r.getString(4))
                        .put("q5_operations", r.getString(5)));
              }
              out.put("q1_count_refresh_flows", found);
              return pool.preparedQuery(OWN_FLOW_SQL)
                  .execute(Tuple.of(UUID.fromString(config.registration().directusFlowId())))
                  .map(
                      own ->
                          out.put(
                              "scan_flow",
                              own.size() == 0
                                  ? new JsonObject().put("present", false)
                                  : new JsonObject()
                                      .put("present", true)
                                      .put("status", own.iterator().next().getString(0))
                                      .put("options", own.iterator().next().getString(1))));
            });
  }

  private Uni<JsonObject> tools(JsonObject out) {
    return pool.preparedQuery(TOOLS_SQL)
        .execute(Tuple.of(config.registration().toolName()))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return out.put("q7_dot_tools_columns", parse(r.getString(0)))
                  .put("q2_count_refresh_tools", parse(r.getString(1)))
                  .put(
                      "scan_tool_registration",
                      r.getString(2) == null ? null : new JsonObject(r.getString(2)));
            });
  }

  private Uni<JsonObject> policy(JsonObject out) {
    return pool.query(POLICY_SQL)
        .execute()
        .map(
            rows -> {
              JsonObject keys = new JsonObject();
              for (Row r : rows) {
                keys.put(r.getString(0), r.getString(1));
              }
              return out.put("policy_keys", keys);
            });
  }

  private static JsonArray parse(String json) {
    return json == null ? new JsonArray() : new JsonArray(json);
  }
}
