package io.pgsignal.scan.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A refusal that becomes {@code {"error","message"}} with the given status. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String error;

  public ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  /** Always JSON, whatever the request accepts or the resource produces otherwise. */
  public Response toResponse() {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(error, getMessage()))
        .build();
  }
}
