package io.pgsignal.scan.observability;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run summary issue (seed 000 §E): its identity includes the run id, so every run writes one
 * row and no dedup is needed.
 */
public record RunSummary(
    String issueType,
    String severity,
    String entityRef,
    String title,
    String source,
    JsonObject summary) {

  public static final String ISSUE_TYPE = "BIRTH_FULL_SCAN_RUN_SUMMARY";
  public static final String ENTITY_PREFIX = "birth_onboarding_full_scan:";

  /**
   * Builds the summary of a function result (the new-gap list stays out: the gap issues hold it).
   */
  public static RunSummary of(JsonObject result) {
    JsonObject summary = result.copy();
    summary.remove("new_gaps");
    String status = result.getString("status");
    int gaps = result.getInteger("gaps_total", 0);
    String severity =
        "dependency_fail".equals(status) ? "critical" : gaps > 0 ? "warning" : "informational";
    String title =
        "dependency_fail".equals(status)
            ? "Birth onboarding full scan: dependency_fail, missing " + result.getValue("missing")
            : "Birth onboarding full scan %s: %d collections, %d gaps (%d new, %d already open)"
                .formatted(
                    status,
                    result.getInteger("scanned", 0),
                    gaps,
                    result.getInteger("gaps_new", 0),
                    result.getInteger("gaps_already_open", 0));
    return new RunSummary(
        ISSUE_TYPE,
        severity,
        ENTITY_PREFIX + result.getString("run_id"),
        title,
        "scan-service",
        summary);
  }

  /** Column → value for the writable columns of {@code shape}, as the INSERT would write them. */
  public Map<String, Object> row(IssuesShape shape) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (String column : shape.writable()) {
      switch (column) {
        case "issue_type" -> row.put(column, issueType);
        case "severity" -> row.put(column, severity);
        case "entity_ref" -> row.put(column, entityRef);
        case "title" -> row.put(column, title);
        case "source" -> row.put(column, source);
        case "description" ->
            row.put(
                column,
                shape.status() == ObservabilityStatus.FULL
                    ? title
                    : title + "\n" + summary.encode());
        default -> // details / details_json: structured, or the JSON text in a text column
            row.put(column, column.equals(shape.detailsColumn()) ? summary : summary.encode());
      }
    }
    return row;
  }
}
