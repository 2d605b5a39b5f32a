package io.pgsignal.scan.registration;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.scan.ScanPolicy;
import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Renders a registration artifact from the live policy ({@code text/plain}). */
@Path("/api/birth/onboarding/full-scan/registration")
public class RegistrationResource {

  private final ScanPolicy policy;
  private final ScanConfig config;

  public RegistrationResource(ScanPolicy policy, ScanConfig config) {
    this.policy = policy;
    this.config = config;
  }

  @GET
  @Path("/{artifact}")
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  public Uni<String> render(@PathParam("artifact") String artifact) {
    if (!RegistrationRenderer.ARTIFACTS.contains(artifact)) {
      throw new ApiException(
          404, "not_found", "unknown artifact; one of " + RegistrationRenderer.ARTIFACTS);
    }
    return policy
        .read()
        .map(
            p -> {
              String cron =
                  p.cadenceCron()
                      .orElseThrow(
                          () ->
                              new ApiException(
                                  409,
                                  "policy_missing",
                                  ScanPolicy.CADENCE_KEY + " is not in dot_config"));
              try {
                return RegistrationRenderer.render(
                    artifact, RegistrationInputs.of(cron, config.registration()));
              } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_cron", e.getMessage());
              }
            });
  }
}
