package io.pgsignal.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolution must not depend on routing order: a draft routed after the version that applied it
 * (another batch, another replica, a retried fact) ends resolved too.
 */
@QuarkusTest
class ResolutionOrderTest {

  private static final String INSERT_EVENT =
      """
      INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
                                event_subject_ref, source_system, payload_classification,
                                safe_payload, occurred_at)
      VALUES (?, ?, ?, ?, 'info', ?, 'worker', 'safe_metadata', '{}', now() - ? * interval '1 second')
      """;

  TestDatabase db;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void aDraftRoutedAfterTheVersionThatAppliedItIsResolvedAtOnce() {
    String domain = fx.newDomain();
    String reviewer = fx.actor("reviewer:gpt", "agency");
    fx.subscribe(reviewer, domain);
    UUID unit = UUID.randomUUID();

    UUID applied = fx.event(domain, "applied", "info", unit, null);
    fx.awaitRouted(List.of(applied));
    // the draft fact occurred first, but capture retried it: it is written and routed afterwards
    UUID draft = fx.event(domain, "draft", "info", unit, null, Duration.ofMinutes(1));
    UUID laterDraft = fx.event(domain, "draft", "info", unit, null, Duration.ofMinutes(-1));
    fx.awaitRouted(List.of(draft, laterDraft));

    assertThat(fx.deliveries(draft)).containsExactly(reviewer + " inbox resolved");
    assertThat(fx.deliveries(laterDraft))
        .as("a draft that occurred after the version stays open")
        .containsExactly(reviewer + " inbox delivered");
    assertThat(fx.deliveries(applied)).containsExactly(reviewer + " inbox delivered");
  }

  @Test
  void aDraftAndItsVersionRoutedByTwoConcurrentTransactionsEndResolved() throws Exception {
    String domain = fx.newDomain();
    String reviewer = fx.actor("reviewer:opus", "agency");
    fx.subscribe(reviewer, domain);
    UUID unit = UUID.randomUUID();
    UUID draft = UUID.randomUUID();
    UUID applied = UUID.randomUUID();

    try (Connection first = db.connect();
        Connection second = db.connect()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      // each router routes its own, still uncommitted event: neither sees the other's
      insertAndRoute(first, draft, domain, "draft", "review", unit, 60);
      CompletableFuture<Void> secondRouter =
          CompletableFuture.runAsync(
              () -> {
                try {
                  insertAndRoute(second, applied, domain, "applied", "update", unit, 0);
                  second.commit();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // give the second router the chance to route while the first is still open
      await()
          .pollDelay(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(30))
          .until(() -> secondRouter.isDone() || waitsForAdvisoryLock());
      first.commit();
      secondRouter.get();
    }

    assertThat(fx.deliveries(draft)).containsExactly(reviewer + " inbox resolved");
    assertThat(fx.deliveries(applied)).containsExactly(reviewer + " inbox delivered");
  }

  private static void insertAndRoute(
      Connection c, UUID id, String domain, String type, String stream, UUID unit, int secondsAgo)
      throws Exception {
    try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT);
        PreparedStatement route = c.prepareStatement("SELECT * FROM signal.route_batch(1000)")) {
      insert.setObject(1, id);
      insert.setString(2, domain);
      insert.setString(3, type);
      insert.setString(4, stream);
      insert.setObject(5, unit);
      insert.setInt(6, secondsAgo);
      insert.execute();
      route.execute();
    }
  }

  /** Whether some session is waiting for an advisory lock (the second router, with the fix). */
  private boolean waitsForAdvisoryLock() {
    return !fx.query(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database ="
                + " (SELECT oid FROM pg_database WHERE datname = current_database())")
        .isEmpty();
  }
}
