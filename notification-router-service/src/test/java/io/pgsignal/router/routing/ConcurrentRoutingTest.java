package io.pgsignal.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Routers racing on one queue: the application's own loop plus two more routers calling
 * signal.route_batch directly, over 5,000 events with role fan-out.
 */
@QuarkusTest
class ConcurrentRoutingTest {

  private static final int EVENTS = 5_000;
  private static final int MEMBERS = 4;

  TestDatabase db;

  @Test
  void threeRoutersOverFiveThousandEventsWriteExactlyTheExpectedDeliveries() throws Exception {
    var fx = new RouterFixtures(db);
    String domain = fx.newDomain();
    String role = fx.actor("role:crowd", "role");
    List<String> members = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      String member = fx.actor("agent:m", "ai_agent");
      fx.member(role, member);
      members.add(member);
    }
    fx.subscribe(role, domain);
    String direct = fx.actor("user:direct", "human");
    fx.subscribe(direct, domain, "note", null, null, null, "inbox", false);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> routers = new ArrayList<>();
    fx.exec(
        """
        INSERT INTO signal.event (event_domain, event_type, event_stream, event_severity,
                                  source_system, payload_classification, occurred_at)
        SELECT ?, 'note', 'comment', 'info', 'worker', 'safe_metadata', now()
        FROM generate_series(1, ?)
        """,
        domain,
        EVENTS);
    for (int r = 0; r < 2; r++) {
      routers.add(pool.submit(() -> routeUntilEmpty(domain)));
    }
    int routedByTests = 0;
    for (Future<Integer> router : routers) {
      routedByTests += router.get();
    }
    pool.shutdown();
    List<UUID> events =
        fx.query("SELECT event_id FROM signal.event WHERE event_domain = ?", domain).stream()
            .map(UUID::fromString)
            .toList();
    fx.awaitRouted(events);

    assertThat(events).hasSize(EVENTS);
    assertThat(routedByTests).as("the two extra routers took part").isPositive();
    assertThat(
            fx.query(
                """
                SELECT count(*) || ' ' || count(DISTINCT (d.event_id, d.recipient_ref)) || ' '
                       || count(*) FILTER (WHERE d.state = 'delivered')
                FROM signal.delivery d JOIN signal.event e USING (event_id)
                WHERE e.event_domain = ?
                """,
                domain))
        .containsExactly(
            "%d %d %d"
                .formatted(EVENTS * (MEMBERS + 1), EVENTS * (MEMBERS + 1), EVENTS * (MEMBERS + 1)));
    for (String member : members) {
      assertThat(fx.query("SELECT count(*) FROM signal.delivery WHERE recipient_ref = ?", member))
          .containsExactly(Integer.toString(EVENTS));
    }
  }

  /** One extra router: calls route_batch until the domain's events are all routed. */
  private int routeUntilEmpty(String domain) throws Exception {
    int routed = 0;
    try (Connection c = db.connect();
        PreparedStatement route =
            c.prepareStatement("SELECT events_routed FROM signal.route_batch(100)")) {
      while (true) {
        try (ResultSet rs = route.executeQuery()) {
          rs.next();
          int n = rs.getInt(1);
          routed += n;
          if (n == 0) {
            return routed;
          }
        }
      }
    }
  }
}
