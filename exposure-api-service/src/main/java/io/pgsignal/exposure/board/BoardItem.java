package io.pgsignal.exposure.board;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One board row (public.v_signal_board): metadata, read count, latest 5 readers. No payload. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardItem(
    UUID eventId,
    String eventDomain,
    String eventType,
    String eventStream,
    String eventSeverity,
    String eventSubjectType,
    UUID eventSubjectRef,
    String eventSubjectTable,
    String canonicalAddress,
    String actorRef,
    String sourceSystem,
    String correlationId,
    String payloadClassification,
    OffsetDateTime createdAt,
    OffsetDateTime occurredAt,
    int readCount,
    List<String> latestReaders) {}
