package io.pgsignal.scan.scan;

/** What a trigger produced: the HTTP status to answer with and the JSON body (as text). */
public record ScanOutcome(int httpStatus, String body) {}
