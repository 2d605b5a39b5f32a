package io.pgsignal.exposure.events;

import io.pgsignal.exposure.api.ApiResponses;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.api.RawJson;
import io.pgsignal.exposure.identity.CallerIdentity;
import io.pgsignal.exposure.identity.RequiresActor;
import io.pgsignal.schema.http.ApiError;
import io.pgsignal.schema.http.ApiException;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One event envelope, only for an actor who caused it or has a delivery of it. */
@Path("/api/signals/events/{event_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signals")
@RequiresActor
@SecurityRequirement(name = "bearer")
public class EventResource {

  static final String EVENT_SQL = "SELECT signal.event_for_actor($1, $2)::text";

  private final Pool pool;
  private final CallerIdentity identity;

  public EventResource(@ReactiveDataSource("exposure") Pool pool, CallerIdentity identity) {
    this.pool = pool;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary = "One event",
      description =
          "The envelope (restricted payloads blank) with the caller's deliveries and read kind.")
  @APIResponse(responseCode = "200", description = "The envelope")
  @APIResponse(
      responseCode = "400",
      description = "event_id is not a uuid",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such event for this caller (unknown_event)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> event(
      @Context UriInfo uri,
      @Parameter(description = "event uuid") @PathParam("event_id") String eventId) {
    QueryInput.onlyKnown(uri, Set.of());
    var id = QueryInput.uuid("event_id", eventId);
    return pool.preparedQuery(EVENT_SQL)
        .execute(Tuple.of(identity.actorRef(), id))
        .map(
            rows -> {
              String envelope = rows.iterator().next().getString(0);
              if (envelope == null) {
                throw ApiException.notFound("unknown_event", "No such event for this caller");
              }
              return RawJson.ok(envelope);
            });
  }
}
