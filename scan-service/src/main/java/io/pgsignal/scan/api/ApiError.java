package io.pgsignal.scan.api;

/** The body of every 4xx answer: a stable machine code and a sentence for people. */
public record ApiError(String error, String message) {}
