package io.pgsignal.router.ops;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused operations request: status plus {@link ErrorBody}. */
public class OpsException extends RuntimeException {

  private final int status;
  private final String code;

  public OpsException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Maps the exception to its JSON error body. */
  public static class Mapper {
    @ServerExceptionMapper
    public Response map(OpsException e) {
      return Response.status(e.status)
          .type(MediaType.APPLICATION_JSON)
          .entity(new ErrorBody(e.code, e.getMessage()))
          .build();
    }
  }
}
