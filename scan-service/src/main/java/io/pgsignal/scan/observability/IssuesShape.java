package io.pgsignal.scan.observability;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live shape of {@code public.system_issues} and what it means for a run summary: the columns
 * the summary maps onto, the mandatory ones it cannot fill, and the resulting status.
 */
public record IssuesShape(
    ObservabilityStatus status,
    List<Column> columns,
    List<String> writable,
    List<String> unmappable,
    String detailsColumn,
    String reason) {

  /** One column as {@code information_schema.columns} would report it. */
  public record Column(String name, String dataType, boolean mandatory) {}

  /** The columns a run summary knows how to fill. */
  static final Set<String> KNOWN =
      Set.of(
          "issue_type",
          "severity",
          "entity_ref",
          "title",
          "description",
          "details",
          "details_json",
          "source");

  private static final Set<String> STRUCTURED = Set.of("json", "jsonb");
  private static final Set<String> TEXT = Set.of("text", "character varying");

  /** Classifies a column list (empty: the table does not exist). */
  public static IssuesShape of(List<Column> columns) {
    if (columns.isEmpty()) {
      return new IssuesShape(
          ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION,
          columns,
          List.of(),
          List.of(),
          null,
          "public.system_issues does not exist (scan-service never creates it)");
    }
    Map<String, Column> byName =
        columns.stream()
            .collect(java.util.stream.Collectors.toMap(Column::name, c -> c, (a, b) -> a));
    List<String> writable = columns.stream().map(Column::name).filter(KNOWN::contains).toList();
    List<String> unmappable =
        columns.stream()
            .filter(c -> c.mandatory() && !KNOWN.contains(c.name()))
            .map(Column::name)
            .toList();
    String details =
        columns.stream()
            .filter(c -> (c.name().equals("details") || c.name().equals("details_json")))
            .filter(c -> STRUCTURED.contains(c.dataType()))
            .map(Column::name)
            .findFirst()
            .orElse(null);
    Column description = byName.get("description");
    boolean textDescription = description != null && TEXT.contains(description.dataType());
    if (!unmappable.isEmpty()) {
      return new IssuesShape(
          ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION,
          columns,
          writable,
          unmappable,
          details,
          "mandatory columns without default cannot be mapped: " + String.join(", ", unmappable));
    }
    if (details != null) {
      return new IssuesShape(
          ObservabilityStatus.FULL,
          columns,
          writable,
          unmappable,
          details,
          "structured column " + details);
    }
    if (textDescription) {
      return new IssuesShape(
          ObservabilityStatus.PARTIAL,
          columns,
          writable,
          unmappable,
          null,
          "no json/jsonb details column: summary written as text into description");
    }
    return new IssuesShape(
        ObservabilityStatus.BLOCKED_FOR_OBSERVABILITY_DECISION,
        columns,
        writable,
        unmappable,
        null,
        "neither a structured details column nor a text description column");
  }

  /** The type of a column, or null. */
  public String typeOf(String name) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .map(Column::dataType)
        .findFirst()
        .orElse(null);
  }
}
