package io.pgsignal.router.ops;

/** A re-driven delivery: back to {@code pending}, attempts reset, due now. */
public record RedriveResult(long deliveryId, String state) {}
