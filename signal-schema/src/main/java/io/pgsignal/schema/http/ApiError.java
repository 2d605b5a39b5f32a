package io.pgsignal.schema.http;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one error body of every service: {@code {"error": "<stable code>", "message": "<a sentence
 * for people>"}}. Registered for reflection because it travels as a {@code Response} entity, which
 * a native build cannot see statically.
 */
@RegisterForReflection
public record ApiError(String error, String message) {

  /** A JSON response with this body. */
  public static Response response(int status, String error, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(error, message))
        .build();
  }
}
