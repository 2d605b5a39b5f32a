package io.pgsignal.scan.scan;

import io.pgsignal.scan.observability.IssuesShape;
import io.pgsignal.scan.observability.IssuesShapeProbe;
import io.pgsignal.scan.observability.ObservabilityStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recent runs, read back from the run summaries in {@code system_issues} (whatever their shape).
 */
@ApplicationScoped
public class RunHistory {

  /** Run summaries carry {@code entity_ref = <prefix><run id>} (db/signal V600). */
  static final String ENTITY_PREFIX = "birth_onboarding_full_scan:";

  /** %s: the details column (FULL) or NULL; names come only from the probe's known set. */
  static final String RUNS_SQL =
      """
      SELECT entity_ref::text, created_at::text, %s::text, description::text
      FROM public.system_issues
      WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'
      ORDER BY created_at DESC
      LIMIT $1
      """;

  private final Pool pool;
  private final IssuesShapeProbe shapes;

  public RunHistory(Pool pool, IssuesShapeProbe shapes) {
    this.pool = pool;
    this.shapes = shapes;
  }

  public Uni<JsonObject> recent(int limit) {
    return shapes.probe().flatMap(shape -> read(shape, limit));
  }

  private Uni<JsonObject> read(IssuesShape shape, int limit) {
    boolean readable =
        shape.writable().containsAll(java.util.List.of("entity_ref", "issue_type", "description"))
            && shape.columns().stream().anyMatch(c -> c.name().equals("created_at"));
    if (!readable) {
      return Uni.createFrom()
          .item(
              new JsonObject()
                  .put("observability_status", shape.status().name())
                  .put("reason", "system_issues lacks the columns to read run summaries back")
                  .put("runs", new JsonArray()));
    }
    String details =
        shape.status() == ObservabilityStatus.FULL ? '"' + shape.detailsColumn() + '"' : "NULL";
    return pool.preparedQuery(RUNS_SQL.formatted(details))
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              JsonArray runs = new JsonArray();
              for (Row r : rows) {
                runs.add(run(r));
              }
              return new JsonObject()
                  .put("observability_status", shape.status().name())
                  .put("runs", runs);
            });
  }

  private static JsonObject run(Row r) {
    String ref = r.getString(0);
    String description = r.getString(3);
    JsonObject summary = parse(r.getString(2));
    if (summary == null && description != null && description.contains("\n")) {
      summary = parse(description.substring(description.indexOf('\n') + 1));
    }
    return new JsonObject()
        .put("run_id", ref.startsWith(ENTITY_PREFIX) ? ref.substring(ENTITY_PREFIX.length()) : ref)
        .put("recorded_at", r.getString(1))
        .put("status", summary == null ? null : summary.getString("status"))
        .put("summary", summary)
        .put("structured", r.getString(2) != null);
  }

  private static JsonObject parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      return null;
    }
  }
}
