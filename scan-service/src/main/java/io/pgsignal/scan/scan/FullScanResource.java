package io.pgsignal.scan.scan;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.api.TriggerToken;
import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The trigger the Directus flow and the CronJob call, and the list of recent runs. */
@Path("/api/birth/onboarding/full-scan")
@Produces(MediaType.APPLICATION_JSON)
public class FullScanResource {

  private final FullScanRunner runner;
  private final RunHistory history;
  private final TriggerToken token;
  private final ScanConfig config;

  public FullScanResource(
      FullScanRunner runner, RunHistory history, TriggerToken token, ScanConfig config) {
    this.runner = runner;
    this.history = history;
    this.token = token;
    this.config = config;
  }

  /**
   * Runs the full scan (bearer SCAN_TRIGGER_TOKEN). 200 with the summary, {@code run_id} and {@code
   * observability_status}; 200 {@code status=disabled} under the kill switch; 503 {@code
   * kill_switch_unreadable} when the service's role may not read dot_config; 409 with the running
   * run's id while another replica scans. {@code dry_run=true}: scan, report, roll back.
   */
  @POST
  public Uni<Response> trigger(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("dry_run") @DefaultValue("false") String dryRun) {
    token.require(authorization);
    if (!dryRun.equals("true") && !dryRun.equals("false")) {
      throw new ApiException(400, "bad_request", "dry_run must be true or false");
    }
    return runner
        .trigger(Boolean.parseBoolean(dryRun))
        .map(o -> Response.status(o.httpStatus()).entity(o.body()).build());
  }

  /** The most recent runs (newest first), read back from the run summaries. */
  @GET
  @Path("/runs")
  public Uni<Response> runs(@QueryParam("limit") String limit) {
    int n = config.runsLimit();
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 500) {
        throw new ApiException(400, "bad_request", "limit must be a whole number from 1 to 500");
      }
    }
    return history.recent(n).map(body -> Response.ok(body.encode()).build());
  }
}
