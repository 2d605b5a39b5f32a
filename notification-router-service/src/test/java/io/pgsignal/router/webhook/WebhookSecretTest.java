package io.pgsignal.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.metrics.RouterMetrics;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code whsec_} secret that is not base64 cannot sign: it is refused when the endpoint is
 * registered (V206), and a delivery to an endpoint that still holds one (registered before V206)
 * goes dead at its first attempt as {@code bad_secret} instead of being retried.
 */
@QuarkusTest
class WebhookSecretTest {

  private static final String NOT_BASE64 = "whsec_this is not base64 at all!";

  TestDatabase db;
  @Inject WebhookClaim claim;
  @Inject WebhookSender sender;
  @Inject WebhookOutcomes outcomes;
  @Inject LeaseReaper reaper;
  @Inject RouterMetrics metrics;
  @Inject RouterConfig config;
  @Inject Clock clock;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void aWhsecSecretThatIsNotBase64IsRefusedWhenTheEndpointIsRegistered() {
    String agent = fx.actor("agent:typo", "ai_agent");

    assertThatThrownBy(() -> register(agent, NOT_BASE64))
        .hasMessageContaining("ck_webhook_endpoint_secret_base64");
    assertThat(fx.query("SELECT count(*) FROM signal.webhook_endpoint WHERE actor_ref = ?", agent))
        .containsExactly("0");
  }

  @Test
  void theDatabaseAcceptsExactlyTheWhsecSecretsTheSignerCanDecode() {
    List<String> candidates =
        List.of(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", // the Standard Webhooks example
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVg==", // padded
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVg", // padding left out
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVlc=",
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVlc",
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVg=", // half the padding
            "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVV", // a dangling character
            "whsec_QUJDREVGR0hJSktM=U5PUFFSU1RVVlc", // padding inside
            "whsec_QUJDREVG-0hJSktMTU5PUFFSU1RV_lc", // URL-safe alphabet
            "whsec_QUJDREVGR0hJSktM TU5PUFFSU1RVVlc", // a space
            NOT_BASE64,
            "a-raw-secret-of-at-least-24-chars-whsec_!!"); // no prefix: any text
    Map<String, Boolean> signable = new TreeMap<>();
    Map<String, Boolean> registrable = new TreeMap<>();
    for (String secret : candidates) {
      signable.put(secret, signs(secret));
      registrable.put(secret, registers(secret));
    }

    assertThat(registrable).isEqualTo(signable);
    assertThat(signable.values()).contains(true, false);
  }

  @Test
  void aDeliveryToAnEndpointWhoseSecretCannotSignIsDeadAtOnceAsBadSecret() throws Exception {
    String owner = "replica-secret-" + UUID.randomUUID();
    try (Receiver receiver = new Receiver("a-raw-secret-of-at-least-24-chars", n -> 200)) {
      String domain = fx.newDomain();
      String agent = fx.actor("agent:oldsecret", "ai_agent");
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));
      // as the claim returns a row registered before V206: not due again, so no other sender takes
      // it
      long delivery = fx.leasedWebhookDelivery(event, agent, owner);
      var dispatcher =
          new WebhookDispatcher(claim, sender, outcomes, reaper, metrics, config, clock, owner);

      dispatcher.attempt(
          new WebhookJob(delivery, event.toString(), agent, 0, receiver.url(), NOT_BASE64, "{}"));

      await().atMost(Duration.ofSeconds(10)).until(() -> fx.state(delivery).equals("dead"));
      assertThat(
              fx.query(
                  """
                  SELECT attempts || ' ' || last_error || ' ' || (dead_at IS NOT NULL)
                         || ' ' || (locked_by IS NULL)
                  FROM signal.delivery WHERE delivery_id = ?
                  """,
                  delivery))
          .containsExactly("1 bad_secret true true");
      assertThat(receiver.requests).isEmpty();
    }
  }

  private void register(String actor, String secret) {
    fx.exec(
        "INSERT INTO signal.webhook_endpoint (actor_ref, url, secret) VALUES (?, 'https://receiver.example/hook', ?)",
        actor,
        secret);
  }

  private boolean registers(String secret) {
    try {
      register(fx.actor("agent:candidate", "ai_agent"), secret);
      return true;
    } catch (IllegalStateException e) {
      assertThat(e).hasMessageContaining("ck_webhook_endpoint_secret_base64");
      return false;
    }
  }

  private static boolean signs(String secret) {
    try {
      WebhookSigner.sign(secret, "id", 1, "{}");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
