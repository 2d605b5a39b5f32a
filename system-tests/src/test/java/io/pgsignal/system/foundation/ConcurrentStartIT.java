package io.pgsignal.system.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four services, started at the same moment against one empty database. */
class ConcurrentStartIT {

  private static final List<String> SERVICES =
      List.of(
          "event-capture-service",
          "notification-router-service",
          "exposure-api-service",
          "scan-service");

  private TestDatabase db;
  private final List<ServiceProcess> running = new ArrayList<>();

  @BeforeEach
  void emptyDatabase() {
    db = TestDatabase.create("concurrent_start");
  }

  @AfterEach
  void stopAndDrop() {
    running.forEach(ServiceProcess::close);
    db.close();
  }

  @Test
  void fourServicesStartedTogetherApplyEachMigrationExactlyOnceAndBecomeReady() throws Exception {
    for (String module : SERVICES) {
      running.add(ServiceProcess.launch(module, db, Map.of()));
    }
    for (ServiceProcess service : running) {
      service.awaitReady(Duration.ofSeconds(90));
      assertThat(service.get("/q/health/live").statusCode()).as(service.module()).isEqualTo(200);
    }

    var expected = db.flyway().info();
    assertThat(expected.pending()).as("nothing left to migrate").isEmpty();
    try (Connection c = db.connect()) {
      ResultSet rs =
          c.createStatement()
              .executeQuery(
                  """
                  SELECT count(*) AS applied, count(DISTINCT version) AS versions,
                         bool_and(success) AS all_succeeded
                  FROM signal.signal_schema_history WHERE type = 'SQL'
                  """);
      rs.next();
      long migrationsShipped =
          Arrays.stream(expected.all()).filter(m -> m.getType().name().equals("SQL")).count();
      assertThat(rs.getInt("applied")).isEqualTo(rs.getInt("versions"));
      assertThat(rs.getInt("applied")).isEqualTo(migrationsShipped);
      assertThat(rs.getBoolean("all_succeeded")).isTrue();
    }
  }

  @Test
  void aServiceStaysNotReadyWhileMigrationsArePending() throws SQLException {
    ServiceProcess exposure =
        ServiceProcess.launch(
            "exposure-api-service", db, Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "false"));
    running.add(exposure);
    awaitAnswer(exposure);
    var ready = exposure.get("/q/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode schemaCheck = check(ready.body(), "schema-version");
    assertThat(schemaCheck.path("status").asText()).isEqualTo("DOWN");
    assertThat(schemaCheck.path("data").path("pending").asInt()).isPositive();
  }

  private static JsonNode check(String healthBody, String name) {
    try {
      for (JsonNode check : new ObjectMapper().readTree(healthBody).path("checks")) {
        if (name.equals(check.path("name").asText())) {
          return check;
        }
      }
    } catch (JsonProcessingException e) {
      throw new AssertionError("health body is not JSON: " + healthBody, e);
    }
    throw new AssertionError("no check named " + name + " in " + healthBody);
  }

  private static void awaitAnswer(ServiceProcess service) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (service.get("/q/health/live").statusCode() == 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
