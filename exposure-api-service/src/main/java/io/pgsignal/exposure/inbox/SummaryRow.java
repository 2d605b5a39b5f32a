package io.pgsignal.exposure.inbox;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Unread count of one (domain, stream) of the caller's inbox. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SummaryRow(String eventDomain, String eventStream, int unread, int unreadCritical) {}
