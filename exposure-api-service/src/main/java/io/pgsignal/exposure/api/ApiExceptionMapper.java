package io.pgsignal.exposure.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders refusals as {@link ApiError} bodies. */
public class ApiExceptionMapper {

  @ServerExceptionMapper
  public Response map(ApiException e) {
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(e.error(), e.getMessage()))
        .build();
  }
}
