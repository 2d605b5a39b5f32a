package io.pgsignal.scan.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps refusals to their 4xx body. */
public class ApiExceptionMapper {

  @ServerExceptionMapper
  public Response map(ApiException e) {
    return e.toResponse();
  }
}
