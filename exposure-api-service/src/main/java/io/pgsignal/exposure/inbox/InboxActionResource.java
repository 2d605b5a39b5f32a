package io.pgsignal.exposure.inbox;

import io.pgsignal.exposure.api.ApiResponses;
import io.pgsignal.exposure.api.EventIdsBody;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.api.RawJson;
import io.pgsignal.exposure.identity.CallerIdentity;
import io.pgsignal.exposure.identity.RequiresActor;
import io.pgsignal.schema.http.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Marks the caller's own deliveries read or acknowledged. Events not delivered to the caller are
 * counted as not_delivered and never touched.
 */
@Path("/api/signals/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "signals")
@RequiresActor
@SecurityRequirement(name = "bearer")
public class InboxActionResource {

  private final ReadAck readAck;
  private final EventIdsBody bodies;
  private final CallerIdentity identity;

  public InboxActionResource(ReadAck readAck, EventIdsBody bodies, CallerIdentity identity) {
    this.readAck = readAck;
    this.bodies = bodies;
    this.identity = identity;
  }

  @POST
  @Path("/read")
  @Operation(
      summary = "Mark read",
      description =
          "Idempotent; returns {requested, marked, unchanged, not_delivered} from signal.mark_read.")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = EventIdsBody.EventIdsRequest.class)))
  @APIResponse(responseCode = "200", description = "Counts of what changed")
  @APIResponse(
      responseCode = "400",
      description = "Body is not {\"event_ids\": [1..500 uuids]}",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
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
    return readAck.markRead(identity.actorRef(), ids).map(RawJson::ok);
  }

  @POST
  @Path("/ack")
  @Operation(
      summary = "Acknowledge",
      description =
          "Idempotent; also marks read; returns {requested, acknowledged, unchanged, not_delivered} from signal.acknowledge.")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = EventIdsBody.EventIdsRequest.class)))
  @APIResponse(responseCode = "200", description = "Counts of what changed")
  @APIResponse(
      responseCode = "400",
      description = "Body is not {\"event_ids\": [1..500 uuids]}",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "413",
      description = "Body too large",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "415",
      description = "Content-Type is not application/json",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> ack(@Context UriInfo uri, byte[] body) {
    QueryInput.onlyKnown(uri, Set.of());
    var ids = bodies.parse(body);
    return readAck.acknowledge(identity.actorRef(), ids).map(RawJson::ok);
  }
}
