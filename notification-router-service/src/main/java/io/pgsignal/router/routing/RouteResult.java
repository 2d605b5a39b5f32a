package io.pgsignal.router.routing;

import java.time.OffsetDateTime;

/**
 * What one {@code signal.route_batch} call did.
 *
 * @param eventsRouted queued events routed (and dequeued)
 * @param deliveriesWritten deliveries inserted
 * @param deliveriesResolved open deliveries of earlier events marked resolved
 * @param webhookDeliveries new pending deliveries for an outbound channel
 * @param oldestCreatedAt created_at of the oldest routed event; null when nothing was queued
 */
public record RouteResult(
    int eventsRouted,
    int deliveriesWritten,
    int deliveriesResolved,
    int webhookDeliveries,
    OffsetDateTime oldestCreatedAt) {}
