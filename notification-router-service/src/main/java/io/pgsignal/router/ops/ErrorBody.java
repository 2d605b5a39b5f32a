package io.pgsignal.router.ops;

/** Every error answer: {@code {"error": "<code>", "message": "..."}}. */
public record ErrorBody(String error, String message) {}
