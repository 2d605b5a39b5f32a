package io.pgsignal.router.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.router.TestClock;
import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.routing.RoutingLoop;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A routing loop that keeps running but fails every pass is not ready (readiness follows the last
 * successful pass) yet stays alive (a restart would not cure it). The failure is real: {@code
 * signal.route_batch} is replaced by one that raises, then restored from its own definition.
 */
@QuarkusTest
class LoopHealthTest {

  private static final String ROUTER_LOOP = "checks.find { it.name == 'router-loop' }";
  private static final String ROUTER_PASSES = "checks.find { it.name == 'router-passes' }";
  private static final String BROKEN_ROUTE_BATCH =
      """
      CREATE OR REPLACE FUNCTION signal.route_batch(p_limit integer)
          RETURNS TABLE (events_routed integer, deliveries_written integer, deliveries_resolved integer,
                         webhook_deliveries integer, oldest_created_at timestamptz)
          LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'route_batch broken by LoopHealthTest'; END $$
      """;

  TestDatabase db;
  @Inject RoutingLoop loop;
  @Inject TestClock clock;
  @Inject RouterConfig config;

  @Test
  void aLoopFailingEveryPassIsNotReadyButStaysAliveAndRecoversAtTheFirstSuccess() {
    var fx = new RouterFixtures(db);
    String original =
        fx.query("SELECT pg_get_functiondef('signal.route_batch(integer)'::regprocedure)").get(0);
    try {
      fx.exec(BROKEN_ROUTE_BATCH);
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.consecutiveFailures() >= 2);
      given().when().get("/q/health/ready").then().statusCode(200);

      clock.advance(config.routing().stallAfter().plusSeconds(1));
      // a pass fails after the stall time: readiness stamped on every pass (not only successes)
      // would stay UP
      long failedSoFar = loop.consecutiveFailures();
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.consecutiveFailures() > failedSoFar);

      given()
          .when()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body(ROUTER_PASSES + ".status", equalTo("DOWN"))
          .body(ROUTER_PASSES + ".data.consecutive_failures", greaterThan(2))
          .body(ROUTER_PASSES + ".data.last_success_ms_ago", greaterThan(30_000));
      given()
          .when()
          .get("/q/health/live")
          .then()
          .statusCode(200)
          .body(ROUTER_LOOP + ".status", equalTo("UP"));

      fx.exec(original);
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.consecutiveFailures() == 0);
      given()
          .when()
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body(ROUTER_PASSES + ".status", equalTo("UP"))
          .body(ROUTER_PASSES + ".data.consecutive_failures", equalTo(0));
    } finally {
      fx.exec(original);
      clock.reset();
    }
  }
}
