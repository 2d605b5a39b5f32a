package io.pgsignal.exposure.api;

/** The one error body of the API: {@code {"error": "<code>", "message": "..."}}. */
public record ApiError(String error, String message) {}
