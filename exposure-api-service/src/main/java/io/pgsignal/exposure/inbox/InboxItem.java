package io.pgsignal.exposure.inbox;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One inbox delivery with its event envelope (signal.v_inbox); restricted payloads are blank. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InboxItem(
    long deliveryId,
    String state,
    boolean unread,
    String viaRole,
    OffsetDateTime deliveredAt,
    OffsetDateTime readAt,
    OffsetDateTime acknowledgedAt,
    OffsetDateTime resolvedAt,
    UUID eventId,
    String eventDomain,
    String eventType,
    String eventStream,
    String eventSeverity,
    String eventSubjectType,
    UUID eventSubjectRef,
    String canonicalAddress,
    String actorRef,
    String correlationId,
    String payloadClassification,
    @JsonRawValue String safePayload,
    OffsetDateTime createdAt,
    OffsetDateTime occurredAt) {

  /**
   * The select list that {@link #of(Row)} reads, for queries of signal.v_inbox aliased {@code i}.
   */
  public static final String COLUMNS =
      """
      i.delivery_id, i.state, i.unread, i.via_role, i.delivered_at, i.read_at, i.acknowledged_at,
      i.resolved_at, i.event_id, i.event_domain, i.event_type, i.event_stream, i.event_severity,
      i.event_subject_type, i.event_subject_ref, i.canonical_address, i.actor_ref, i.correlation_id,
      i.payload_classification, i.safe_payload::text AS safe_payload, i.created_at, i.occurred_at
      """;

  /**
   * Reads the item from {@link #COLUMNS}, which start at column {@code first} of the row: by
   * position, since a page has some 50 rows of 22 columns and a lookup by name scans the names.
   */
  public static InboxItem of(Row r, int first) {
    return new InboxItem(
        r.getLong(first),
        r.getString(first + 1),
        r.getBoolean(first + 2),
        r.getString(first + 3),
        r.getOffsetDateTime(first + 4),
        r.getOffsetDateTime(first + 5),
        r.getOffsetDateTime(first + 6),
        r.getOffsetDateTime(first + 7),
        r.getUUID(first + 8),
        r.getString(first + 9),
        r.getString(first + 10),
        r.getString(first + 11),
        r.getString(first + 12),
        r.getString(first + 13),
        r.getUUID(first + 14),
        r.getString(first + 15),
        r.getString(first + 16),
        r.getString(first + 17),
        r.getString(first + 18),
        r.getString(first + 19),
        r.getOffsetDateTime(first + 20),
        r.getOffsetDateTime(first + 21));
  }
}
