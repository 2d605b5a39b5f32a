package io.pgsignal.capture.deadletter;

import io.pgsignal.schema.http.ApiError;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Operations on dead-lettered facts (admin token, see {@link AdminTokenFilter}). */
@Path("/api/ops/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final DeadLetters deadLetters;

  public DeadLetterResource(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** Dead letters, newest first; {@code before} is the {@code next_before} of the previous page. */
  @GET
  public Uni<Response> list(
      @QueryParam("limit") String limit, @QueryParam("before") String before) {
    Integer size = parse(limit, DEFAULT_LIMIT);
    Long cursor = before == null || before.isBlank() ? null : parseId(before);
    if (size == null || size < 1 || size > MAX_LIMIT) {
      return Uni.createFrom()
          .item(ApiError.response(400, "invalid_limit", "limit must be 1.." + MAX_LIMIT));
    }
    if (before != null && !before.isBlank() && cursor == null) {
      return Uni.createFrom()
          .item(ApiError.response(400, "invalid_cursor", "before must be a fact id"));
    }
    return deadLetters
        .list(cursor, size)
        .map(
            items -> {
              Long next = items.size() == size ? items.get(items.size() - 1).factId() : null;
              return Response.ok(new DeadLetterPage(items, next)).build();
            });
  }

  /** Returns a dead-lettered fact to the outbox (attempts reset) and wakes the worker. */
  @POST
  @Path("/{id}/redrive")
  public Uni<Response> redrive(@PathParam("id") String id) {
    Long factId = parseId(id);
    if (factId == null) {
      return Uni.createFrom()
          .item(ApiError.response(400, "invalid_id", "the id must be a positive fact id"));
    }
    return deadLetters
        .redrive(factId)
        .map(
            redriven -> {
              if (!redriven) {
                return ApiError.response(404, "not_found", "no dead-lettered fact " + factId);
              }
              Log.infof("Dead letter %d re-driven", factId);
              return Response.ok(new RedriveResult(factId, "pending")).build();
            });
  }

  private static Integer parse(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseId(String value) {
    try {
      long id = Long.parseLong(value.trim());
      return id > 0 ? id : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
