package io.pgsignal.exposure.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** Validated filters shared by the board and the inbox. */
public record EventFilter(
    String domain,
    String stream,
    String type,
    String severity,
    UUID subject,
    OffsetDateTime since,
    OffsetDateTime until) {

  /** The query parameter names of these filters. */
  public static final Set<String> PARAMS =
      Set.of("domain", "stream", "type", "severity", "subject", "since", "until");

  public static EventFilter parse(
      Catalog catalog,
      String domain,
      String stream,
      String type,
      String severity,
      String subject,
      String since,
      String until) {
    String d = QueryInput.domain(catalog, domain);
    var filter =
        new EventFilter(
            d,
            QueryInput.oneOf("stream", stream, QueryInput.STREAMS),
            QueryInput.type(catalog, d, type),
            QueryInput.oneOf("severity", severity, QueryInput.SEVERITIES),
            QueryInput.uuid("subject", subject),
            QueryInput.timestamp("since", since),
            QueryInput.timestamp("until", until));
    if (filter.since() != null
        && filter.until() != null
        && !filter.since().isBefore(filter.until())) {
      throw QueryInput.bad("invalid_range", "since must be before until");
    }
    return filter;
  }
}
