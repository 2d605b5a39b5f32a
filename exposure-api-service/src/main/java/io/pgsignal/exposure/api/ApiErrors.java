package io.pgsignal.exposure.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds {@link ApiError} responses and refusals with the codes the API documents. */
public final class ApiErrors {

  private ApiErrors() {}

  public static Response response(int status, String error, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(error, message))
        .build();
  }

  public static ApiException unauthorized(String error, String message) {
    return new ApiException(Response.Status.UNAUTHORIZED, error, message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body_too_large", message);
  }
}
