package io.pgsignal.router.ops;

import io.pgsignal.router.webhook.WebhookDispatcher;
import io.pgsignal.schema.http.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Operations over HTTP (admin token): list dead deliveries, re-drive one. */
@Path("/api/ops/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryOpsResource {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final AdminToken adminToken;
  private final DeliveryOps ops;
  private final WebhookDispatcher webhooks;

  public DeliveryOpsResource(AdminToken adminToken, DeliveryOps ops, WebhookDispatcher webhooks) {
    this.adminToken = adminToken;
    this.ops = ops;
    this.webhooks = webhooks;
  }

  @GET
  @Path("/dead")
  public Uni<DeadDeliveryPage> dead(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit) {
    adminToken.require(authorization);
    long afterId = parseLong("after", after, 0, 0, Long.MAX_VALUE);
    int pageSize = (int) parseLong("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    return ops.listDead(afterId, pageSize);
  }

  @POST
  @Path("/{id}/redrive")
  public Uni<RedriveResult> redrive(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    adminToken.require(authorization);
    long deliveryId = parseLong("id", id, -1, 1, Long.MAX_VALUE);
    return ops.redrive(deliveryId)
        .invoke(
            result -> {
              Log.infof("Delivery %d re-driven by an operator", result.deliveryId());
              webhooks.wake();
            });
  }

  private static long parseLong(String name, String value, long fallback, long min, long max) {
    if (value == null || value.isBlank()) {
      if (fallback < min) {
        throw new ApiException(400, "bad_request", name + " is required");
      }
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min || parsed > max) {
        throw new ApiException(
            400, "bad_request", "%s must be between %d and %d".formatted(name, min, max));
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "bad_request", name + " must be an integer");
    }
  }
}
