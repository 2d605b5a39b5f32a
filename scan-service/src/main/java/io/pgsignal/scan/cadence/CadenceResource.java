package io.pgsignal.scan.cadence;

import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Cadence: drift report and the explicit cron conversion. */
@Path("/api/birth/onboarding/full-scan/cadence")
@Produces(MediaType.APPLICATION_JSON)
public class CadenceResource {

  private final CadenceReport report;

  public CadenceResource(CadenceReport report) {
    this.report = report;
  }

  /** Policy vs Directus flow vs CronJob, with {@code in_sync}. */
  @GET
  public Uni<Response> cadence() {
    return report.evaluate().map(r -> Response.ok(r.encode()).build());
  }

  /**
   * Converts {@code cron} from dialect {@code from} (unix, directus, quartz) into all three; an
   * invalid or inexpressible expression → 400.
   */
  @GET
  @Path("/convert")
  public Response convert(@QueryParam("cron") String cron, @QueryParam("from") String from) {
    try {
      String unix =
          switch (from == null ? "unix" : from) {
            case "unix" -> CronConversion.canonicalUnix(cron);
            case "directus" -> CronConversion.directusToUnix(cron);
            case "quartz" -> CronConversion.quartzToUnix(cron);
            default ->
                throw new ApiException(400, "bad_request", "from must be unix, directus or quartz");
          };
      JsonObject body =
          new JsonObject().put("unix", unix).put("directus", CronConversion.unixToDirectus(unix));
      try {
        body.put("quartz", CronConversion.unixToQuartz(unix));
      } catch (CronFormatException e) {
        body.putNull("quartz").put("quartz_error", e.getMessage());
      }
      return Response.ok(body.encode()).build();
    } catch (CronFormatException e) {
      throw new ApiException(400, "invalid_cron", e.getMessage());
    }
  }
}
