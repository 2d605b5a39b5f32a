package io.pgsignal.schema;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Readiness: the database holds every migration this build ships. A service started with {@code
 * QUARKUS_FLYWAY_MIGRATE_AT_START=false} stays not-ready until the migrations Job has run; a newer
 * schema (applied by a newer replica) is accepted.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements HealthCheck {

  private final Flyway flyway;

  public SchemaVersionCheck(Flyway flyway) {
    this.flyway = flyway;
  }

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("schema-version");
    try {
      var info = flyway.info();
      MigrationInfo current = info.current();
      int pending = info.pending().length;
      builder
          .withData("current", current == null ? "none" : current.getVersion().getVersion())
          .withData("pending", pending);
      return (current != null && pending == 0 ? builder.up() : builder.down()).build();
    } catch (RuntimeException e) {
      return builder.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
