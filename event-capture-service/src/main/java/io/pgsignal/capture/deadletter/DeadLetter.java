package io.pgsignal.capture.deadletter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One dead-lettered fact as operators see it: metadata and the reason, never the payload. */
public record DeadLetter(
    @JsonProperty("fact_id") long factId,
    @JsonProperty("event_domain") String eventDomain,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("event_subject_type") String eventSubjectType,
    @JsonProperty("event_subject_ref") UUID eventSubjectRef,
    @JsonProperty("event_subject_table") String eventSubjectTable,
    @JsonProperty("actor_ref") String actorRef,
    @JsonProperty("source_system") String sourceSystem,
    @JsonProperty("grouping_key") String groupingKey,
    int attempts,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt,
    @JsonProperty("recorded_at") OffsetDateTime recordedAt,
    @JsonProperty("dead_at") OffsetDateTime deadAt) {}
