package io.pgsignal.exposure.inbox;

import io.pgsignal.exposure.api.ApiResponses;
import io.pgsignal.exposure.api.Catalog;
import io.pgsignal.exposure.api.Conditional;
import io.pgsignal.exposure.api.Cursor;
import io.pgsignal.exposure.api.EventFilter;
import io.pgsignal.exposure.api.ExposureConfig;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.identity.CallerIdentity;
import io.pgsignal.exposure.identity.RequiresActor;
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
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's inbox and unread summary; the actor comes from the bearer token only. */
@Path("/api/signals/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signals")
@RequiresActor
@SecurityRequirement(name = "bearer")
public class InboxResource {

  private static final Set<String> INBOX_PARAMS = inboxParams();

  private final InboxQuery inbox;
  private final SummaryQuery summary;
  private final Catalog catalog;
  private final CallerIdentity identity;
  private final ExposureConfig config;

  public InboxResource(
      InboxQuery inbox,
      SummaryQuery summary,
      Catalog catalog,
      CallerIdentity identity,
      ExposureConfig config) {
    this.inbox = inbox;
    this.summary = summary;
    this.catalog = catalog;
    this.identity = identity;
    this.config = config;
  }

  @GET
  @Operation(
      summary = "The caller's inbox",
      description = "Inbox deliveries newest first, keyset pages. " + ApiResponses.POLL)
  @APIResponse(responseCode = "200", description = "A page of deliveries (items, next_cursor)")
  @APIResponse(responseCode = "304", description = ApiResponses.NOT_MODIFIED)
  @APIResponse(
      responseCode = "400",
      description = ApiResponses.BAD_REQUEST,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> inbox(
      @Context UriInfo uri,
      @Parameter(description = "unread (default) or all") @QueryParam("state") String state,
      @Parameter(description = "true: also the caller's own events (implicit_self); default false")
          @QueryParam("include_self")
          String includeSelf,
      @Parameter(description = "Registered event domain") @QueryParam("domain") String domain,
      @Parameter(description = "comment, review, update, alert, task or health")
          @QueryParam("stream")
          String stream,
      @Parameter(description = "Registered event type") @QueryParam("type") String type,
      @Parameter(description = "info, warning or critical (exact)") @QueryParam("severity")
          String severity,
      @Parameter(description = "event_subject_ref (uuid)") @QueryParam("subject") String subject,
      @Parameter(description = "event created_at >= since (ISO-8601 with offset)")
          @QueryParam("since")
          String since,
      @Parameter(description = "event created_at < until (ISO-8601 with offset)")
          @QueryParam("until")
          String until,
      @Parameter(description = "Page size 1..500, default 50") @QueryParam("limit") String limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    QueryInput.onlyKnown(uri, INBOX_PARAMS);
    boolean all = "all".equals(QueryInput.oneOf("state", state, Set.of("unread", "all")));
    boolean self = QueryInput.bool("include_self", includeSelf, false);
    int size = QueryInput.limit(limit);
    Long before = cursor == null ? null : Cursor.parseInbox(cursor);
    String actor = identity.actorRef();
    return catalog
        .ready()
        .flatMap(
            c -> {
              EventFilter f =
                  EventFilter.parse(c, domain, stream, type, severity, subject, since, until);
              return conditional(
                  actor,
                  "inbox?" + uri.getRequestUri().getRawQuery(),
                  ifNoneMatch,
                  () -> inbox.page(actor, all, self, f, before, size));
            });
  }

  @GET
  @Path("/summary")
  @Operation(
      summary = "The caller's unread counts",
      description =
          "Unread counts by domain and stream, with totals, computed by PostgreSQL. "
              + ApiResponses.POLL)
  @APIResponse(
      responseCode = "200",
      description = "Unread counts",
      content = @Content(schema = @Schema(implementation = Summary.class)))
  @APIResponse(responseCode = "304", description = ApiResponses.NOT_MODIFIED)
  @APIResponse(
      responseCode = "400",
      description = ApiResponses.BAD_REQUEST,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Uni<Response> summary(
      @Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch) {
    QueryInput.onlyKnown(uri, Set.of());
    String actor = identity.actorRef();
    return conditional(actor, "summary", ifNoneMatch, () -> summary.summary(actor));
  }

  /**
   * Without If-None-Match: one statement reads the body and its marker. With it: the marker alone
   * first (a poll that finds nothing new costs two index probes and answers 304), then, only when
   * it changed, the body with its marker. Either way the ETag is the marker read with the body.
   */
  private Uni<Response> conditional(
      String actor, String scope, String ifNoneMatch, Supplier<Uni<? extends Marked<?>>> read) {
    long poll = config.pollInterval().toSeconds();
    if (ifNoneMatch == null) {
      return read.get().map(m -> ok(m, actor, scope, poll));
    }
    return inbox
        .version(actor)
        .flatMap(
            version -> {
              String etag = Conditional.etag(version, actor, scope);
              if (Conditional.matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(Conditional.notModified(etag, poll));
              }
              return read.get().map(m -> ok(m, actor, scope, poll));
            });
  }

  private static Response ok(Marked<?> marked, String actor, String scope, long poll) {
    return Conditional.ok(marked.body(), Conditional.etag(marked.version(), actor, scope), poll);
  }

  private static Set<String> inboxParams() {
    Set<String> all = new HashSet<>(EventFilter.PARAMS);
    all.addAll(Set.of("state", "include_self", "limit", "cursor"));
    return Set.copyOf(all);
  }
}
