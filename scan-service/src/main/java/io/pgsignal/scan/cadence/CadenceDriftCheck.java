package io.pgsignal.scan.cadence;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Cadence drift in health ({@code /q/health/well} and {@code /q/health}): DOWN while the policy,
 * the Directus flow and the CronJob disagree. Not readiness: drift must not take the trigger away.
 */
@Wellness
@ApplicationScoped
public class CadenceDriftCheck implements AsyncHealthCheck {

  private final CadenceReport report;

  public CadenceDriftCheck(CadenceReport report) {
    this.report = report;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return report
        .evaluate()
        .map(
            r ->
                HealthCheckResponse.named("cadence-drift")
                    .status(r.getBoolean("in_sync"))
                    .withData("drift", r.getJsonArray("drift").encode())
                    .build())
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("cadence-drift")
                    .down()
                    .withData("error", e.getClass().getSimpleName())
                    .build());
  }
}
