package io.pgsignal.exposure.inbox;

/**
 * A response body read in the same statement (same snapshot) as the caller's inbox change marker
 * ({@code signal.v_inbox_marker}), so the ETag built from {@code version} describes exactly this
 * body. {@code version} is null only when the actor no longer exists.
 */
public record Marked<T>(String version, T body) {}
