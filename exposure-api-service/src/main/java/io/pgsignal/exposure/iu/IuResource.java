package io.pgsignal.exposure.iu;

import io.pgsignal.exposure.api.ApiResponses;
import io.pgsignal.exposure.api.EventIdsBody;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.api.RawJson;
import io.pgsignal.exposure.identity.CallerIdentity;
import io.pgsignal.exposure.identity.RequiresActor;
import io.pgsignal.exposure.identity.RequiresReader;
import io.pgsignal.schema.http.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * IU compatibility (seed 003 Q7 option C): the IU runtime's functions over HTTP, with the caller's
 * actor from the token as p_actor.
 */
@Path("/api/iu/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "iu")
@SecurityRequirement(name = "bearer")
@APIResponse(
    responseCode = "400",
    description = ApiResponses.BAD_REQUEST,
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "401",
    description = ApiResponses.UNAUTHORIZED,
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "403",
    description = ApiResponses.FORBIDDEN,
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public class IuResource {

  private static final Set<String> IU_STREAMS = Set.of("comment", "review", "update");

  private final IuQueries queries;
  private final EventIdsBody bodies;
  private final CallerIdentity identity;

  public IuResource(IuQueries queries, EventIdsBody bodies, CallerIdentity identity) {
    this.queries = queries;
    this.bodies = bodies;
    this.identity = identity;
  }

  @GET
  @Path("/board")
  @RequiresReader
  @Operation(
      summary = "IU board",
      description =
          "fn_iu_notification_board(caller, stream, limit): metadata, read count, latest 5 readers, is_read for the caller.")
  @APIResponse(responseCode = "200", description = "{items: [...]} as the function returns them")
  public Uni<Response> board(
      @Context UriInfo uri,
      @Parameter(description = "comment, review or update") @QueryParam("stream") String stream,
      @Parameter(description = "1..500, default 50") @QueryParam("limit") String limit) {
    QueryInput.onlyKnown(uri, Set.of("stream", "limit"));
    String s = QueryInput.oneOf("stream", stream, IU_STREAMS);
    int n = QueryInput.limit(limit);
    return queries.board(identity.caller().actorRef(), s, n).map(RawJson::ok);
  }

  @GET
  @Path("/unread")
  @RequiresReader
  @RequiresActor
  @Operation(
      summary = "IU unread",
      description =
          "fn_iu_unread(caller, stream, include_self, limit), newest first: every IU event the caller has not read (the IU feed is not scoped to deliveries), so it needs the read role as the board does; restricted payloads are {}.")
  @APIResponse(responseCode = "200", description = "{items: [...]} as the function returns them")
  public Uni<Response> unread(
      @Context UriInfo uri,
      @Parameter(description = "comment, review or update") @QueryParam("stream") String stream,
      @Parameter(description = "true: include events the caller caused; default false")
          @QueryParam("include_self")
          String includeSelf,
      @Parameter(description = "1..500, default 50") @QueryParam("limit") String limit) {
    QueryInput.onlyKnown(uri, Set.of("stream", "include_self", "limit"));
    String s = QueryInput.oneOf("stream", stream, IU_STREAMS);
    boolean self = QueryInput.bool("include_self", includeSelf, false);
    int n = QueryInput.limit(limit);
    return queries.unread(identity.actorRef(), s, self, n).map(RawJson::ok);
  }

  @POST
  @Path("/read")
  @RequiresReader
  @RequiresActor
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "IU mark read",
      description =
          "fn_iu_mark_read(event_ids, caller): per-actor read of IU events (ids of other domains are ignored); read role, as any IU event is on the board; idempotent; returns {actor_ref, requested, marked}.")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = EventIdsBody.EventIdsRequest.class)))
  @APIResponse(responseCode = "200", description = "What the function returned")
  @APIResponse(
      responseCode = "400",
      description = "Body is not {\"event_ids\": [1..500 uuids]}",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "413",
      description = "Body too large",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "415",
      description = "Content-Type is not application/json",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> read(@Context UriInfo uri, byte[] body) {
    QueryInput.onlyKnown(uri, Set.of());
    var ids = bodies.parse(body);
    return queries.markRead(ids, identity.actorRef()).map(RawJson::ok);
  }
}
