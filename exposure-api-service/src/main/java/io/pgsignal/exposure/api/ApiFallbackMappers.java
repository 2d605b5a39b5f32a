package io.pgsignal.exposure.api;

import com.fasterxml.jackson.core.JacksonException;
import io.pgsignal.schema.http.ApiError;
import io.pgsignal.schema.http.ApiException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure that is not an {@link ApiException} still answers with an {@link ApiError} body:
 * unknown routes, wrong methods and content types, malformed JSON, and (never expected, since input
 * is validated before any SQL) database data errors. A database that cannot be reached answers 503
 * {@code unavailable}; a schema or privilege error (SQLSTATE 42xxx) and anything else is a JSON 500
 * {@code internal} whose detail stays in the log.
 */
public class ApiFallbackMappers {

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return ApiError.response(404, "not_found", "No such resource");
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) {
    return ApiError.response(405, "method_not_allowed", "Method not allowed on this resource");
  }

  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e) {
    return ApiError.response(
        415, "unsupported_media_type", "Send the body as Content-Type: application/json");
  }

  @ServerExceptionMapper
  public Response json(JacksonException e) {
    return ApiError.response(
        400, "invalid_json", "The body is not valid JSON of the documented shape");
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      Log.errorf("Request failed: %s", e.getClass().getSimpleName());
      return ApiError.response(status, "internal", "Internal error");
    }
    return ApiError.response(status, "http_" + status, "Request refused");
  }

  @ServerExceptionMapper
  public Response database(PgException e) {
    String state = e.getSqlState();
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      return ApiError.response(400, "invalid_input", "The database refused a value of the request");
    }
    if (state != null && state.startsWith("42")) {
      // a missing grant, object or column: a deployment or migration bug, not an outage
      Log.errorf(
          "Schema or privilege error %s: check migrations and grants of signal_exposure", state);
      return internal();
    }
    Log.errorf("Database error %s", state);
    return unavailable();
  }

  /** The pool could not reach PostgreSQL, or lost the connection mid-request. */
  @ServerExceptionMapper
  public Response connection(ClosedConnectionException e) {
    Log.errorf("Database connection lost: %s", e.getClass().getSimpleName());
    return unavailable();
  }

  /** Anything else: a JSON 500 whose detail stays in the log (never in the body). */
  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof ClosedConnectionException) {
        Log.errorf("Database unreachable: %s", c.getClass().getSimpleName());
        return unavailable();
      }
    }
    Log.error("Unexpected failure", e);
    return internal();
  }

  private static Response internal() {
    return ApiError.response(500, "internal", "Internal error");
  }

  private static Response unavailable() {
    return ApiError.response(503, "unavailable", "The database could not answer");
  }
}
