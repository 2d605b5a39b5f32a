package io.pgsignal.scan.cadence;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.scan.ScanMetrics;
import io.pgsignal.scan.scan.ScanPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Policy cron vs the Directus flow's cron vs the configured CronJob schedule, each normalised to
 * canonical Unix cron: {@code in_sync} when every present source says what the policy says.
 */
@ApplicationScoped
public class CadenceReport {

  static final String FLOW_SQL =
      """
      SELECT f.status::text, f.options::text
      FROM public.directus_flows f
      WHERE f.id = $1
      """;
  static final String HAS_FLOWS_SQL = "SELECT to_regclass('public.directus_flows') IS NOT NULL";

  private final Pool pool;
  private final ScanPolicy policy;
  private final ScanConfig config;
  private final ScanMetrics metrics;
  private final InProcessSchedule schedule;

  public CadenceReport(
      Pool pool,
      ScanPolicy policy,
      ScanConfig config,
      ScanMetrics metrics,
      InProcessSchedule schedule) {
    this.pool = pool;
    this.policy = policy;
    this.config = config;
    this.metrics = metrics;
    this.schedule = schedule;
  }

  /** Builds the report and updates the drift gauge. */
  public Uni<JsonObject> evaluate() {
    return policy
        .read()
        .flatMap(p -> flow().map(flow -> report(p.cadenceCron(), flow)))
        .invoke(r -> metrics.drift(r.getBoolean("in_sync")));
  }

  private JsonObject report(Optional<String> policyCron, JsonObject flow) {
    JsonArray drift = new JsonArray();
    JsonObject policyPart = new JsonObject().put("key", ScanPolicy.CADENCE_KEY);
    String canonical = null;
    if (policyCron.isEmpty()) {
      policyPart.put("cron", null).put("error", "policy key is missing");
      drift.add("policy");
    } else {
      policyPart.put("cron", policyCron.get());
      try {
        canonical = CronConversion.canonicalUnix(policyCron.get());
        policyPart.put("canonical_unix", canonical);
      } catch (CronFormatException e) {
        policyPart.put("error", e.getMessage());
        drift.add("policy");
      }
    }
    compare(flow, canonical, "directus_flow", drift);
    JsonObject cronjob = new JsonObject().put("present", config.cronjobSchedule().isPresent());
    config.cronjobSchedule().ifPresent(s -> cronjob.put("cron", s).put("canonical_unix", unix(s)));
    compare(cronjob, canonical, "cronjob", drift);
    JsonObject inProcess =
        new JsonObject()
            .put("enabled", config.schedule().enabled())
            .put("quartz_cron", schedule.activeCron().orElse(null));
    return new JsonObject()
        .put("policy", policyPart)
        .put("directus_flow", flow)
        .put("cronjob", cronjob)
        .put("in_process", inProcess)
        .put("in_sync", drift.isEmpty())
        .put("drift", drift);
  }

  private static void compare(JsonObject source, String canonical, String name, JsonArray drift) {
    if (!source.getBoolean("present", false)) {
      return;
    }
    boolean matches = canonical != null && canonical.equals(source.getString("canonical_unix"));
    source.put("matches", matches);
    if (!matches) {
      drift.add(name);
    }
  }

  private Uni<JsonObject> flow() {
    String id = config.registration().directusFlowId();
    JsonObject flow = new JsonObject().put("flow_id", id);
    return pool.query(HAS_FLOWS_SQL)
        .execute()
        .flatMap(
            has -> {
              if (!has.iterator().next().getBoolean(0)) {
                return Uni.createFrom()
                    .item(flow.put("table_present", false).put("present", false));
              }
              return pool.preparedQuery(FLOW_SQL)
                  .execute(Tuple.of(UUID.fromString(id)))
                  .map(
                      rows -> {
                        flow.put("table_present", true).put("present", rows.size() > 0);
                        for (Row r : rows) {
                          String cron = cronOf(r.getString(1));
                          flow.put("status", r.getString(0))
                              .put("cron", cron)
                              .put("canonical_unix", cron == null ? null : unix(cron));
                        }
                        return flow;
                      });
            });
  }

  private static String cronOf(String options) {
    try {
      return options == null ? null : new JsonObject(options).getString("cron");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String unix(String any) {
    try {
      return CronConversion.anyToUnix(any);
    } catch (CronFormatException e) {
      return "invalid: " + e.getMessage();
    }
  }
}
