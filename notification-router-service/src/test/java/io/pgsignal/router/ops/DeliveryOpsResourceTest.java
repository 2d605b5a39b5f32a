package io.pgsignal.router.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.router.webhook.ReceiverAccess;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryOpsResourceTest {

  private static final String TOKEN = "Bearer test-admin-token";
  private static final String SECRET = "ops-test-secret-of-24-chars-or-more";

  TestDatabase db;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void aDeadDeliveryIsListedAndReDrivenToDeliveredOnceTheEndpointRecovers() throws IOException {
    try (var receiver = new ReceiverAccess(SECRET, 500)) {
      String domain = fx.newDomain();
      String agent = fx.actor("agent:flaky", "ai_agent");
      fx.exec(
          "INSERT INTO signal.webhook_endpoint (actor_ref, url, secret) VALUES (?, ?, ?)",
          agent,
          receiver.url(),
          SECRET);
      fx.subscribe(agent, domain, null, null, null, null, "webhook", false);
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> fx.deliveries(event).equals(List.of(agent + " webhook dead")));
      long id =
          Long.parseLong(
              fx.query("SELECT delivery_id FROM signal.delivery WHERE event_id = ?", event).get(0));

      given()
          .header("Authorization", TOKEN)
          .queryParam("limit", 500)
          .get("/api/ops/deliveries/dead")
          .then()
          .statusCode(200)
          .body("items.delivery_id", hasItem((int) id));

      receiver.answer(200);
      given()
          .header("Authorization", TOKEN)
          .post("/api/ops/deliveries/{id}/redrive", id)
          .then()
          .statusCode(200)
          .body("delivery_id", equalTo((int) id))
          .body("state", equalTo("pending"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> fx.deliveries(event).equals(List.of(agent + " webhook delivered")));
      assertThat(fx.query("SELECT attempts FROM signal.delivery WHERE delivery_id = ?", id))
          .containsExactly("1");
    }
  }

  @Test
  void operationsRefuseAMissingOrWrongTokenWithAJsonError() {
    given()
        .get("/api/ops/deliveries/dead")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    given()
        .header("Authorization", "Bearer test-admin-tokeN")
        .post("/api/ops/deliveries/1/redrive")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void badInputGetsA4xxAndChangesNothing() {
    String domain = fx.newDomain();
    String human = fx.actor("user:huyen", "human");
    fx.subscribe(human, domain);
    UUID event = fx.event(domain, "note", "info", null, null);
    fx.awaitRouted(List.of(event));
    long inboxId =
        Long.parseLong(
            fx.query("SELECT delivery_id FROM signal.delivery WHERE event_id = ?", event).get(0));

    given()
        .header("Authorization", TOKEN)
        .post("/api/ops/deliveries/abc/redrive")
        .then()
        .statusCode(400)
        .body("error", equalTo("bad_request"));
    given()
        .header("Authorization", TOKEN)
        .post("/api/ops/deliveries/999999999/redrive")
        .then()
        .statusCode(404)
        .body("error", equalTo("unknown_delivery"));
    given()
        .header("Authorization", TOKEN)
        .post("/api/ops/deliveries/{id}/redrive", inboxId)
        .then()
        .statusCode(409)
        .body("error", equalTo("not_redrivable"));
    given()
        .header("Authorization", TOKEN)
        .queryParam("limit", 0)
        .get("/api/ops/deliveries/dead")
        .then()
        .statusCode(400)
        .body("error", equalTo("bad_request"));
    assertThat(fx.state(inboxId)).isEqualTo("delivered");
  }

  @Test
  void aFailedDeliveryWithAnAttemptInFlightIsNotReDriven() {
    String domain = fx.newDomain();
    String agent = fx.actor("agent:busy", "ai_agent");
    UUID event = fx.event(domain, "note", "info", null, null);
    fx.awaitRouted(List.of(event));
    // a sender on another replica holds the lease while its attempt runs
    long id =
        Long.parseLong(
            fx.query(
                    """
                    INSERT INTO signal.delivery (event_id, recipient_ref, channel, state, attempts,
                                                 next_attempt_at, locked_by, locked_until)
                    VALUES (?, ?, 'webhook', 'failed', 3, now(), 'other-replica',
                            now() + interval '10 minutes')
                    RETURNING delivery_id
                    """,
                    event,
                    agent)
                .get(0));

    given()
        .header("Authorization", TOKEN)
        .post("/api/ops/deliveries/{id}/redrive", id)
        .then()
        .statusCode(409)
        .body("error", equalTo("not_redrivable"));
    assertThat(
            fx.query(
                "SELECT state || ' ' || attempts || ' ' || locked_by FROM signal.delivery"
                    + " WHERE delivery_id = ?",
                id))
        .containsExactly("failed 3 other-replica");
  }
}
