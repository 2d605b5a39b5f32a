package io.pgsignal.capture.deadletter;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error body of the operations endpoints: {@code {"error": "<code>", "message": "..."}}. */
public record OpsError(String error, String message) {

  public Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(this).build();
  }
}
