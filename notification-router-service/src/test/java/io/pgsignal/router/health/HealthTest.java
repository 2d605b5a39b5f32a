package io.pgsignal.router.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.pgsignal.schema.test.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HealthTest {

  @Test
  void isLiveAndReadyOnceTheSchemaIsMigrated() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("schema-version"))
        .body("checks.name", hasItem("router-listen"));
  }

  @Test
  void metricsExposeDeliveriesByStateRoutingLagAndWebhookOutcomes() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("signal_router_deliveries{channel=\"webhook\",state=\"dead\""))
        .body(containsString("signal_router_queue_oldest_seconds"))
        .body(containsString("signal_router_routing_lag_seconds"))
        .body(containsString("signal_router_webhook_attempts_total{outcome=\"failure\""))
        .body(containsString("signal_router_webhook_latency_seconds"));
  }
}
