package io.pgsignal.exposure.inbox;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The caller's unread counts (signal.v_inbox_summary); totals are summed by PostgreSQL. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Summary(String actorRef, int unread, int unreadCritical, List<SummaryRow> byStream) {}
