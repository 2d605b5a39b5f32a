package io.pgsignal.exposure.pivot;

import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.identity.RequiresReader;
import io.pgsignal.schema.http.ApiError;
import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only exposure of the registries pivot (seed 004), verbatim from its PostgreSQL views and
 * functions. Each handler validates its input against {@link PivotInput} first (400, no SQL), then
 * makes one read through {@link PivotReads}; it never counts, sums or subtracts. Readable by the
 * configured read role (SPEC §6): a bearer token whose actor is in {@code
 * signal.exposure.read-role} or a Directus user of a listed read role.
 */
@Path("/api/registries-pivot")
@Produces(MediaType.APPLICATION_JSON)
@RequiresReader
@SecurityRequirement(name = "bearer")
@Tag(name = "registries-pivot", description = "Seed 004: catalog counts from PostgreSQL, read-only")
@APIResponse(
    responseCode = "400",
    description =
        "A code, cursor, limit or detail outside its allow-list, or an unknown, repeated or empty"
            + " query parameter; no SQL was run.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "401",
    description = "No or invalid bearer token.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "403",
    description = "The caller is not in the configured read role.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "503",
    description = "pivot_schema_missing: the host-platform reference location is not installed.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public class RegistriesPivotResource {

  private final PivotReads reads;

  public RegistriesPivotResource(PivotReads reads) {
    this.reads = reads;
  }

  @GET
  @Path("/lists")
  @Operation(summary = "Living lists with their counts and pivot state (v_living_lists)")
  @APIResponse(responseCode = "200", description = "A page of lists ordered by code.")
  public Uni<PivotPage<LivingList>> lists(
      @Context UriInfo uri,
      @Parameter(description = "Cursor: next_cursor of the previous page (a CAT- code).")
          @QueryParam("cursor")
          String after,
      @Parameter(description = "Only lists of this entity type (lower-case snake case).")
          @QueryParam("entity_type")
          String entityType,
      @Parameter(description = "Page size, 1..500, default 50.") @QueryParam("limit")
          String limit) {
    QueryInput.onlyKnown(uri, Set.of("cursor", "entity_type", "limit"));
    return reads.lists(
        PivotInput.optionalNodeCode(after, "cursor"),
        PivotInput.optionalEntityType(entityType),
        PivotInput.limit(limit));
  }

  @GET
  @Path("/integrity")
  @Operation(
      summary = "Count integrity summary (v_count_integrity); ?detail=drift adds v_count_drift")
  @APIResponse(responseCode = "200", description = "The summary, with a drift page on request.")
  public Uni<CountIntegrity> integrity(
      @Context UriInfo uri,
      @Parameter(description = "drift: include a page of the drifted lists.") @QueryParam("detail")
          String detail,
      @Parameter(description = "Drift page cursor (a CAT- code).") @QueryParam("cursor")
          String after,
      @Parameter(description = "Drift page size, 1..500, default 50.") @QueryParam("limit")
          String limit) {
    QueryInput.onlyKnown(uri, Set.of("detail", "cursor", "limit"));
    boolean withDrift = PivotInput.driftDetail(detail);
    if (!withDrift && (after != null || limit != null)) {
      throw ApiException.badRequest(
          "invalid_detail", "cursor and limit page the drift list: they need detail=drift");
    }
    String cursor = PivotInput.optionalNodeCode(after, "cursor");
    int size = PivotInput.limit(limit);
    Uni<CountIntegrity> summary = reads.integrity();
    return withDrift ? summary.flatMap(s -> reads.drift(cursor, size).map(s::withDrift)) : summary;
  }

  @GET
  @Path("/tree")
  @Operation(summary = "Drill-down tree (v_registries_pivot_tree): roots, or a node's children")
  @APIResponse(responseCode = "200", description = "A page of nodes ordered by code.")
  public Uni<PivotPage<TreeNode>> tree(
      @Context UriInfo uri,
      @Parameter(description = "List the children of this node (CAT- code); absent: the roots.")
          @QueryParam("parent")
          String parent,
      @Parameter(description = "Cursor: next_cursor of the previous page.") @QueryParam("cursor")
          String after,
      @Parameter(description = "Page size, 1..500, default 50.") @QueryParam("limit")
          String limit) {
    QueryInput.onlyKnown(uri, Set.of("parent", "cursor", "limit"));
    return reads.tree(
        PivotInput.optionalNodeCode(parent, "parent"),
        PivotInput.optionalNodeCode(after, "cursor"),
        PivotInput.limit(limit));
  }

  @GET
  @Path("/node/{code}")
  @Operation(summary = "One node's substrate (fn_registries_pivot_node_substrate)")
  @APIResponse(responseCode = "200", description = "The node's metadata and counts.")
  @APIResponse(
      responseCode = "404",
      description = "unknown_node: no catalog node has this code (never a guessed count).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<NodeSubstrate> node(
      @Context UriInfo uri,
      @Parameter(description = "Catalog code, ^CAT-[A-Z0-9]+(-[A-Z0-9]+)*$, at most 64 chars.")
          @PathParam("code")
          String code) {
    QueryInput.onlyKnown(uri, Set.of());
    return reads.node(PivotInput.nodeCode(code, "code"));
  }

  @GET
  @Path("/count/{pivot_code}")
  @Operation(summary = "One pivot's stored value (pivot_query); PIVOT_MISSING when there is none")
  @APIResponse(
      responseCode = "200",
      description =
          "The stored value with refreshed_at; value null and badge PIVOT_MISSING when"
              + " the pivot is undefined or never refreshed.")
  public Uni<PivotValue> count(
      @Context UriInfo uri,
      @Parameter(description = "Pivot code, ^PIV-[A-Z0-9]+(-[A-Z0-9]+)*$, at most 64 chars.")
          @PathParam("pivot_code")
          String pivotCode) {
    QueryInput.onlyKnown(uri, Set.of());
    return reads.count(PivotInput.pivotCode(pivotCode, "pivot_code"));
  }

  @GET
  @Path("/health")
  @Operation(summary = "State of the pivot machinery (v_registries_pivot_health)")
  @APIResponse(responseCode = "200", description = "ok, degraded or empty, with the figures.")
  public Uni<PivotHealth> health(@Context UriInfo uri) {
    QueryInput.onlyKnown(uri, Set.of());
    return reads.health();
  }
}
