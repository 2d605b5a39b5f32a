package io.pgsignal.scan.probe;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET …/full-scan/probe}: the seed's open questions, answered live. */
@Path("/api/birth/onboarding/full-scan/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

  private final PlatformProbe probe;

  public ProbeResource(PlatformProbe probe) {
    this.probe = probe;
  }

  @GET
  public Uni<Response> probe() {
    return probe.probe().map(p -> Response.ok(p.encode()).build());
  }
}
