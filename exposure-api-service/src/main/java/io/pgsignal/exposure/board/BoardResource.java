package io.pgsignal.exposure.board;

import io.pgsignal.exposure.api.Catalog;
import io.pgsignal.exposure.api.Conditional;
import io.pgsignal.exposure.api.Cursor;
import io.pgsignal.exposure.api.EventFilter;
import io.pgsignal.exposure.api.ExposureConfig;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.identity.RequiresReader;
import io.pgsignal.schema.http.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/signals/board: the metadata board (seed 001 Q4), for the configured read role. */
@Path("/api/signals/board")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signals")
@RequiresReader
public class BoardResource {

  private static final Set<String> PARAMS = params();

  private final BoardQuery query;
  private final Catalog catalog;
  private final ExposureConfig config;

  public BoardResource(BoardQuery query, Catalog catalog, ExposureConfig config) {
    this.query = query;
    this.catalog = catalog;
    this.config = config;
  }

  @GET
  @Operation(
      summary = "Metadata board",
      description =
          "Events newest first with read count and latest 5 readers; no payload. Keyset pages;"
              + " ETag/If-None-Match answers 304 when nothing changed; X-Poll-Interval hints the poll period.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "A page of board rows (items, next_cursor)")
  @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
  @APIResponse(
      responseCode = "400",
      description = "Invalid filter, limit or cursor, or an unknown parameter",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = "Missing, expired or invalid token",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "403",
      description = "Caller not in the read role",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> board(
      @Context UriInfo uri,
      @Parameter(description = "Registered event domain, e.g. iu") @QueryParam("domain")
          String domain,
      @Parameter(description = "comment, review, update, alert, task or health")
          @QueryParam("stream")
          String stream,
      @Parameter(description = "Registered event type (of the domain when given)")
          @QueryParam("type")
          String type,
      @Parameter(description = "info, warning or critical (exact)") @QueryParam("severity")
          String severity,
      @Parameter(description = "event_subject_ref (uuid)") @QueryParam("subject") String subject,
      @Parameter(description = "created_at >= since (ISO-8601 with offset)") @QueryParam("since")
          String since,
      @Parameter(description = "created_at < until (ISO-8601 with offset)") @QueryParam("until")
          String until,
      @Parameter(description = "Page size 1..500, default 50") @QueryParam("limit") String limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    QueryInput.onlyKnown(uri, PARAMS);
    int size = QueryInput.limit(limit);
    Cursor.BoardPosition after = cursor == null ? null : Cursor.parseBoard(cursor);
    return catalog
        .ready()
        .flatMap(
            c -> {
              EventFilter filter =
                  EventFilter.parse(c, domain, stream, type, severity, subject, since, until);
              return query
                  .version()
                  .flatMap(version -> answer(uri, ifNoneMatch, filter, after, size, version));
            });
  }

  private Uni<Response> answer(
      UriInfo uri,
      String ifNoneMatch,
      EventFilter filter,
      Cursor.BoardPosition after,
      int size,
      String version) {
    long poll = config.pollInterval().toSeconds();
    String etag =
        Conditional.etag(version, "board", String.valueOf(uri.getRequestUri().getRawQuery()));
    if (Conditional.matches(ifNoneMatch, etag)) {
      return Uni.createFrom().item(Conditional.notModified(etag, poll));
    }
    return query.page(filter, after, size).map(page -> Conditional.ok(page, etag, poll));
  }

  private static Set<String> params() {
    Set<String> all = new HashSet<>(EventFilter.PARAMS);
    all.add("limit");
    all.add("cursor");
    return Set.copyOf(all);
  }
}
