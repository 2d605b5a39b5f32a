package io.pgsignal.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgsignal.router.RouterFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookTest {

  static final String WHSEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String RAW_SECRET = "a-raw-secret-of-at-least-24-chars";

  TestDatabase db;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void theReceiverVerifiesTheSignatureOfTheEnvelopeWithTheSecret() throws Exception {
    try (Receiver receiver = new Receiver(WHSEC_SECRET, n -> 204)) {
      String domain = fx.newDomain();
      String agent = webhookActor("agent:codex", receiver, WHSEC_SECRET, domain);
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.successes() == 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> fx.deliveries(event).equals(List.of(agent + " webhook delivered")));

      Receiver.Received received = receiver.requests.get(0);
      assertThat(received.signatureValid()).isTrue();
      assertThat(received.webhookId()).isEqualTo(event.toString());
      JsonNode envelope = new ObjectMapper().readTree(received.body());
      assertThat(envelope.get("event_id").asText()).isEqualTo(event.toString());
      assertThat(envelope.get("event_domain").asText()).isEqualTo(domain);
      assertThat(envelope.get("safe_payload").get("k").asText()).isEqualTo("v");
      assertThat(envelope.has("occurred_at")).isTrue();
      assertThat(
              fx.query(
                  "SELECT attempts || ' ' || (delivered_at IS NOT NULL) FROM signal.delivery WHERE event_id = ?",
                  event))
          .containsExactly("1 true");
    }
  }

  @Test
  void aRestrictedEventIsPostedWithItsPayloadBlankedAndASafeOneWithItsPayload() throws Exception {
    try (Receiver receiver = new Receiver(WHSEC_SECRET, n -> 204)) {
      String domain = fx.newDomain();
      webhookActor("agent:outside", receiver, WHSEC_SECRET, domain);
      UUID restricted = fx.event(domain, "note", "restricted");
      UUID safe = fx.event(domain, "note", "safe_metadata");
      fx.awaitRouted(List.of(restricted, safe));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.successes() == 2);

      Map<String, JsonNode> bodies = new HashMap<>();
      for (Receiver.Received received : receiver.requests) {
        assertThat(received.signatureValid()).isTrue();
        bodies.put(received.webhookId(), new ObjectMapper().readTree(received.body()));
      }
      JsonNode blanked = bodies.get(restricted.toString());
      assertThat(blanked.get("payload_classification").asText()).isEqualTo("restricted");
      assertThat(blanked.get("safe_payload").isObject()).isTrue();
      assertThat(blanked.get("safe_payload").isEmpty()).isTrue();
      assertThat(blanked.toString()).doesNotContain("\"k\"");
      JsonNode kept = bodies.get(safe.toString());
      assertThat(kept.get("safe_payload").get("k").asText()).isEqualTo("v");
      // apart from the payload, the envelope is still the whole event row
      ObjectNode rest = blanked.deepCopy();
      rest.remove("safe_payload");
      assertThat(rest)
          .isEqualTo(
              new ObjectMapper()
                  .readTree(
                      fx.query(
                              "SELECT (to_jsonb(e) - 'safe_payload')::text FROM signal.event e WHERE event_id = ?",
                              restricted)
                          .get(0)));
    }
  }

  @Test
  void aReceiverThatFailsThreeTimesThenSucceedsGetsExactlyOneSuccessfulDelivery() throws Exception {
    try (Receiver receiver = new Receiver(RAW_SECRET, n -> n < 3 ? 503 : 200)) {
      String domain = fx.newDomain();
      String agent = webhookActor("reviewer:gpt", receiver, RAW_SECRET, domain);
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> fx.deliveries(event).equals(List.of(agent + " webhook delivered")));
      Thread.sleep(500); // nothing more may arrive after success

      assertThat(receiver.requests).hasSize(4);
      assertThat(receiver.successes()).isEqualTo(1);
      assertThat(receiver.requests).allMatch(Receiver.Received::signatureValid);
      assertThat(receiver.requests)
          .extracting(Receiver.Received::webhookId)
          .containsOnly(event.toString());
      // it went through failed (with the error and a next attempt) before delivered
      assertThat(
              fx.query(
                  """
                  SELECT attempts || ' ' || (failed_at IS NOT NULL) || ' ' || coalesce(last_error, '-')
                  FROM signal.delivery WHERE event_id = ?
                  """,
                  event))
          .containsExactly("4 true -");
    }
  }

  @Test
  void aNeverAnsweringEndpointEndsDeadWhileAHealthyOneKeepsReceiving() throws Exception {
    try (Receiver silent = new Receiver(RAW_SECRET, n -> -1);
        Receiver healthy = new Receiver(RAW_SECRET, n -> 200)) {
      String domain = fx.newDomain();
      String silentActor = webhookActor("agent:silent", silent, RAW_SECRET, domain);
      String healthyActor = webhookActor("agent:healthy", healthy, RAW_SECRET, domain);
      List<UUID> events = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        events.add(fx.event(domain, "note", "info", null, null));
      }
      fx.awaitRouted(events);

      await().atMost(Duration.ofSeconds(10)).until(() -> healthy.successes() == 6);
      assertThat(countByState(silentActor, "dead"))
          .as("the healthy endpoint did not wait for the silent one to die")
          .isLessThan(6);
      assertThat(countByState(healthyActor, "delivered")).isEqualTo(6);

      await().atMost(Duration.ofSeconds(60)).until(() -> countByState(silentActor, "dead") == 6);
      assertThat(
              fx.query(
                  "SELECT DISTINCT attempts || ' ' || last_error FROM signal.delivery WHERE recipient_ref = ?",
                  silentActor))
          .containsExactly("5 timeout");
      assertThat(silent.requests).hasSize(30);
    }
  }

  private String webhookActor(String prefix, Receiver receiver, String secret, String domain) {
    String actor = fx.actor(prefix, "ai_agent");
    fx.exec(
        "INSERT INTO signal.webhook_endpoint (actor_ref, url, secret) VALUES (?, ?, ?)",
        actor,
        receiver.url(),
        secret);
    fx.subscribe(actor, domain, null, null, null, null, "webhook", false);
    return actor;
  }

  private int countByState(String actor, String state) {
    return Integer.parseInt(
        fx.query(
                "SELECT count(*) FROM signal.delivery WHERE recipient_ref = ? AND state = ?",
                actor,
                state)
            .get(0));
  }
}
