package io.pgsignal.scan.scan;

import io.vertx.core.json.JsonObject;

/** What a trigger produced: the HTTP status to answer with and the JSON body. */
public record ScanOutcome(int httpStatus, JsonObject body) {}
