package io.pgsignal.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica shutting down (rolling deploy) must record the outcome of the attempts it has in
 * flight: the outcome is written under the lease, so releasing a running attempt's lease loses it.
 */
@QuarkusTest
class WebhookShutdownTest {

  private static final String SECRET = "shutdown-test-secret-of-24-chars";

  TestDatabase db;
  @Inject WebhookClaim claim;
  @Inject WebhookSender sender;
  @Inject WebhookOutcomes outcomes;
  @Inject LeaseReaper reaper;
  @Inject RouterMetrics metrics;
  @Inject RouterConfig config;
  @Inject Clock clock;

  @Test
  void shutdownRecordsTheAttemptInFlightAndReleasesOnlyLeasesNeverStarted() throws Exception {
    var fx = new RouterFixtures(db);
    String owner = "replica-stopping-" + UUID.randomUUID();
    try (Receiver slow = new Receiver(SECRET, n -> 200)) {
      // slower than the read timeout: the attempt lasts until it times out, then records "failed"
      slow.answerAfter(Duration.ofSeconds(5));
      String domain = fx.newDomain();
      String sent = fx.actor("agent:sent", "ai_agent");
      String waiting = fx.actor("agent:waiting", "ai_agent");
      fx.exec(
          "INSERT INTO signal.webhook_endpoint (actor_ref, url, secret) VALUES (?, ?, ?)",
          sent,
          slow.url(),
          SECRET);
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));
      // leased by the stopping replica, not due again for an hour: no other sender touches them
      long inFlight = fx.leasedWebhookDelivery(event, sent, owner);
      long neverStarted = fx.leasedWebhookDelivery(event, waiting, owner);
      var stopping =
          new WebhookDispatcher(claim, sender, outcomes, reaper, metrics, config, clock, owner);

      stopping.attempt(
          new WebhookJob(inFlight, event.toString(), sent, 0, slow.url(), SECRET, "{}"));
      await().atMost(Duration.ofSeconds(30)).until(() -> slow.requests.size() == 1);
      stopping.shutdown();

      assertThat(
              fx.query(
                  """
                  SELECT (attempts >= 1) || ' ' || (failed_at IS NOT NULL) || ' '
                         || (coalesce(locked_by, '-') <> ?)
                  FROM signal.delivery WHERE delivery_id = ?
                  """,
                  owner,
                  inFlight))
          .as("the outcome of the attempt in flight is recorded")
          .containsExactly("true true true");
      assertThat(
              fx.query(
                  """
                  SELECT state || ' ' || attempts || ' ' || coalesce(locked_by, '-')
                  FROM signal.delivery WHERE delivery_id = ?
                  """,
                  neverStarted))
          .as("a lease whose attempt never started is released")
          .containsExactly("pending 0 -");
    }
  }
}
