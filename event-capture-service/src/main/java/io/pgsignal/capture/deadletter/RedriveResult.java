package io.pgsignal.capture.deadletter;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of a re-drive: the fact is pending again and the worker was woken. */
public record RedriveResult(@JsonProperty("fact_id") long factId, String state) {}
