package io.pgsignal.schema.http;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A refused request: its HTTP status, a stable error code and a sentence for people, rendered as
 * {@link ApiError} by {@link Mapper} in every service. Carries no stack trace: it is an answer, not
 * a fault.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String error;

  public ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String error, String message) {
    return new ApiException(400, error, message);
  }

  public static ApiException notFound(String error, String message) {
    return new ApiException(404, error, message);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Always JSON, whatever the request accepts or the resource produces otherwise. */
  public Response toResponse() {
    return ApiError.response(status, error, getMessage());
  }

  /** Renders every {@link ApiException} of the application. */
  public static class Mapper {
    @ServerExceptionMapper
    public Response map(ApiException e) {
      return e.toResponse();
    }
  }
}
