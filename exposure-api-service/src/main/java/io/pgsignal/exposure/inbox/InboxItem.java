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

  public static InboxItem of(Row r) {
    return new InboxItem(
        r.getLong("delivery_id"),
        r.getString("state"),
        r.getBoolean("unread"),
        r.getString("via_role"),
        r.getOffsetDateTime("delivered_at"),
        r.getOffsetDateTime("read_at"),
        r.getOffsetDateTime("acknowledged_at"),
        r.getOffsetDateTime("resolved_at"),
        r.getUUID("event_id"),
        r.getString("event_domain"),
        r.getString("event_type"),
        r.getString("event_stream"),
        r.getString("event_severity"),
        r.getString("event_subject_type"),
        r.getUUID("event_subject_ref"),
        r.getString("canonical_address"),
        r.getString("actor_ref"),
        r.getString("correlation_id"),
        r.getString("payload_classification"),
        r.getString("safe_payload"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("occurred_at"));
  }
}
