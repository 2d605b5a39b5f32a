package io.pgsignal.router.ops;

import java.util.List;

/**
 * A page of dead deliveries; pass {@code next_after} as {@code after} for the next one (null:
 * last).
 */
public record DeadDeliveryPage(List<DeadDelivery> items, Long nextAfter) {}
