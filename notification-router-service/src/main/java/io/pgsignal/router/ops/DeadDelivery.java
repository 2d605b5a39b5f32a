package io.pgsignal.router.ops;

import java.time.OffsetDateTime;

/** One dead delivery in the operations listing (no envelope, no secret). */
public record DeadDelivery(
    long deliveryId,
    String eventId,
    String recipientRef,
    String channel,
    int attempts,
    String lastError,
    OffsetDateTime deadAt) {}
