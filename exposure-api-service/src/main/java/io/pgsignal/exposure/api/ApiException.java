package io.pgsignal.exposure.api;

import jakarta.ws.rs.core.Response;

/** A refusal with its HTTP status and error code, rendered as {@link ApiError}. */
public class ApiException extends RuntimeException {

  private final Response.Status status;
  private final String error;

  public ApiException(Response.Status status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String error, String message) {
    return new ApiException(Response.Status.BAD_REQUEST, error, message);
  }

  public static ApiException notFound(String error, String message) {
    return new ApiException(Response.Status.NOT_FOUND, error, message);
  }

  public Response.Status status() {
    return status;
  }

  public String error() {
    return error;
  }
}
