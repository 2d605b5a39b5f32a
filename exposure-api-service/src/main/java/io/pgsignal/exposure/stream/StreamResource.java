package io.pgsignal.exposure.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.api.ApiResponses;
import io.pgsignal.exposure.api.ExposureConfig;
import io.pgsignal.exposure.api.QueryInput;
import io.pgsignal.exposure.identity.CallerIdentity;
import io.pgsignal.exposure.identity.RequiresActor;
import io.pgsignal.exposure.inbox.InboxItem;
import io.pgsignal.schema.http.ApiError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-Sent Events of the caller's new inbox deliveries: event name {@code delivery}, data = the
 * inbox item, id = a resume position (the delivery id, or a lower one while a lower delivery may
 * still commit: see {@link StreamCursor}). Deliveries are sent in commit order, so one committed
 * after a higher id is still sent. Resumes after {@code Last-Event-ID} (possibly repeating a few
 * deliveries, never losing one); without it, starts after the newest delivery. Woken by LISTEN when
 * a notified delivery is the caller's ({@link DeliveryFeed}); each heartbeat also re-reads, so a
 * lost NOTIFY only delays.
 */
@Path("/api/signals/stream")
@Tag(name = "signals")
@RequiresActor
@SecurityRequirement(name = "bearer")
public class StreamResource {

  private static final Pattern ID = Pattern.compile("^[0-9]{1,18}$");
  private static final long NOTIFIED = 1L;
  private static final long HEARTBEAT = -1L;
  private static final long FIRST = -2L;

  private final DeliveryFeed feed;
  private final StreamQuery query;
  private final CallerIdentity identity;
  private final ExposureConfig config;
  private final ObjectMapper json;

  public StreamResource(
      DeliveryFeed feed,
      StreamQuery query,
      CallerIdentity identity,
      ExposureConfig config,
      ObjectMapper json) {
    this.feed = feed;
    this.query = query;
    this.identity = identity;
    this.config = config;
    this.json = json;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live stream of the caller's deliveries",
      description =
          "SSE; event 'delivery' (data: the inbox item) with id = a resume position: the"
              + " delivery_id, or a lower one while a lower delivery may still commit (resuming"
              + " may repeat deliveries, never skips one); comment heartbeats.")
  @APIResponse(responseCode = "200", description = "text/event-stream")
  @APIResponse(
      responseCode = "400",
      description = "Last-Event-ID is not a delivery id",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "401",
      description = ApiResponses.UNAUTHORIZED,
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Multi<OutboundSseEvent> stream(
      @Context UriInfo uri,
      @Context Sse sse,
      @Parameter(description = "Resume after this event id (sent by EventSource on reconnect)")
          @HeaderParam("Last-Event-ID")
          String lastEventId) {
    QueryInput.onlyKnown(uri, Set.of());
    if (lastEventId != null && !ID.matcher(lastEventId.trim()).matches()) {
      throw QueryInput.bad(
          "invalid_last_event_id", "Last-Event-ID must be a delivery id this stream sent");
    }
    String actor = identity.actorRef();
    Uni<Long> start =
        lastEventId == null
            ? query.head(actor)
            : Uni.createFrom().item(Long.parseLong(lastEventId.trim()));
    Multi<Long> wakeups =
        Multi.createBy()
            .merging()
            .streams(
                feed.wakeups(actor).map(wakeup -> NOTIFIED),
                Multi.createFrom().ticks().every(config.streamHeartbeat()).map(t -> HEARTBEAT));
    return start
        .onItem()
        .transformToMulti(
            from -> {
              StreamCursor cursor = new StreamCursor(from);
              return triggers(wakeups)
                  .onItem()
                  .transformToMultiAndConcatenate(t -> answer(sse, actor, cursor, t));
            });
  }

  /**
   * The first read, then one read per wake-up. Wake-ups that arrive while a read runs collapse into
   * one (the latest is kept, never dropped): the read it triggers starts after the NOTIFY, so it
   * sees the delivery that NOTIFY announced.
   */
  static Multi<Long> triggers(Multi<Long> wakeups) {
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(FIRST), wakeups)
        .onOverflow()
        .dropPreviousItems();
  }

  private Multi<OutboundSseEvent> answer(Sse sse, String actor, StreamCursor cursor, long trigger) {
    int page = config.streamPageSize();
    Multi<OutboundSseEvent> deliveries =
        Multi.createBy()
            .repeating()
            .uni(() -> query.after(actor, cursor, page))
            .whilst(read -> read.items().size() == page)
            .onItem()
            .transformToIterable(read -> toEvents(sse, cursor, read, page));
    if (trigger != HEARTBEAT && trigger != FIRST) {
      return deliveries;
    }
    // ":connected" follows the first read: a client that sees it knows the stream is listening.
    String comment = trigger == FIRST ? "connected" : "heartbeat";
    return Multi.createBy()
        .concatenating()
        .streams(
            deliveries, Multi.createFrom().item(sse.newEventBuilder().comment(comment).build()));
  }

  private List<OutboundSseEvent> toEvents(
      Sse sse, StreamCursor cursor, StreamQuery.Read read, int page) {
    List<InboxItem> items = read.items();
    cursor.read(
        read.xmin(),
        read.xmax(),
        items.stream().map(InboxItem::deliveryId).toList(),
        items.size() < page);
    return items.stream()
        .map(
            item ->
                sse.newEventBuilder()
                    .name("delivery")
                    .id(Long.toString(cursor.resumeId(item.deliveryId())))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(render(item))
                    .build())
        .toList();
  }

  private String render(InboxItem item) {
    try {
      return json.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render delivery " + item.deliveryId(), e);
    }
  }
}
