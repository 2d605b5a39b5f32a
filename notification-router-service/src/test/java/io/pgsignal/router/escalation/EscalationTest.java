package io.pgsignal.router.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EscalationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  TestDatabase db;
  @Inject EscalationScan scan;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void anUnacknowledgedCriticalDeliveryEscalatesToTheTargetOnceAfterTheDelay() {
    String target = fx.actor("user:huyen", "human");
    String domain = fx.newDomain(target, "10 minutes");
    String oncall = fx.actor("agent:oncall", "ai_agent");
    fx.subscribe(oncall, domain);
    UUID alarm = fx.event(domain, "alarm", "critical", null, null);
    fx.awaitRouted(List.of(alarm));
    long original = originalDelivery(alarm, oncall);

    assertThat(scan.scanAt(Instant.now().plus(Duration.ofMinutes(9))).await().atMost(WAIT))
        .as("not before the delay")
        .isZero();
    assertThat(fx.deliveries(alarm)).containsExactly(oncall + " inbox delivered");

    assertThat(scan.scanAt(Instant.now().plus(Duration.ofMinutes(11))).await().atMost(WAIT))
        .isEqualTo(1);
    assertThat(scan.scanAt(Instant.now().plus(Duration.ofMinutes(12))).await().atMost(WAIT))
        .as("idempotent")
        .isZero();
    assertThat(fx.deliveries(alarm))
        .containsExactly(oncall + " inbox delivered", target + " inbox delivered");
    assertThat(
            fx.query(
                "SELECT escalated_from FROM signal.delivery WHERE event_id = ? AND recipient_ref = ?",
                alarm,
                target))
        .containsExactly(Long.toString(original));
  }

  @Test
  void anAcknowledgedCriticalDeliveryDoesNotEscalate() {
    String target = fx.actor("user:boss", "human");
    String domain = fx.newDomain(target, "5 minutes");
    String oncall = fx.actor("agent:oncall", "ai_agent");
    fx.subscribe(oncall, domain);
    UUID alarm = fx.event(domain, "alarm", "critical", null, null);
    fx.awaitRouted(List.of(alarm));
    // what the exposure API's acknowledge does to the row
    fx.exec(
        "UPDATE signal.delivery SET state = 'acknowledged', acknowledged_at = now() WHERE event_id = ?",
        alarm);

    scan.scanAt(Instant.now().plus(Duration.ofMinutes(30))).await().atMost(WAIT);

    assertThat(fx.deliveries(alarm)).containsExactly(oncall + " inbox acknowledged");
  }

  @Test
  void aReadButUnacknowledgedDeliveryEscalatesToEveryMemberOfATargetRole() {
    String role = fx.actor("role:oncall-leads", "role");
    String lead1 = fx.actor("opus", "ai_agent");
    String lead2 = fx.actor("user:lead", "human");
    fx.member(role, lead1);
    fx.member(role, lead2);
    String domain = fx.newDomain(role, "1 minute");
    String oncall = fx.actor("agent:oncall", "ai_agent");
    fx.subscribe(oncall, domain);
    UUID alarm = fx.event(domain, "alarm", "critical", null, null);
    fx.awaitRouted(List.of(alarm));
    fx.exec("UPDATE signal.delivery SET state = 'read', read_at = now() WHERE event_id = ?", alarm);

    scan.scanAt(Instant.now().plus(Duration.ofMinutes(2))).await().atMost(WAIT);

    assertThat(fx.deliveries(alarm))
        .containsExactly(
            oncall + " inbox read", lead1 + " inbox delivered", lead2 + " inbox delivered");
  }

  @Test
  void moreOverdueEventsThanTheBatchSizeAreAllEscalatedAcrossScans() {
    String target = fx.actor("user:duty", "human");
    String domain = fx.newDomain(target, "10 minutes");
    String oncall = fx.actor("agent:oncall", "ai_agent");
    fx.subscribe(oncall, domain);
    List<UUID> alarms = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alarms.add(fx.event(domain, "alarm", "critical", null, null));
    }
    fx.awaitRouted(alarms);

    // batch size 2: each scan must move on to events not escalated yet
    for (int scans = 0; scans < 50; scans++) {
      int written =
          Integer.parseInt(
              fx.query(
                      "SELECT count(*) FROM signal.escalate_overdue(now() + interval '11 minutes',"
                          + " interval '1 day', 2)")
                  .get(0));
      if (written == 0) {
        break;
      }
    }

    for (UUID alarm : alarms) {
      assertThat(fx.deliveries(alarm))
          .containsExactly(oncall + " inbox delivered", target + " inbox delivered");
    }
  }

  @Test
  void aTargetRoleExpandsNestedRolesAndAnEmptyRoleReceivesNothing() {
    String role = fx.actor("role:escalation", "role");
    String inner = fx.actor("role:inner", "role");
    String empty = fx.actor("role:empty", "role");
    String lead = fx.actor("user:lead", "human");
    fx.member(role, inner);
    fx.member(role, empty);
    fx.member(inner, lead);
    String domain = fx.newDomain(role, "1 minute");
    String emptyDomain = fx.newDomain(empty, "1 minute");
    String oncall = fx.actor("agent:oncall", "ai_agent");
    fx.subscribe(oncall, domain);
    fx.subscribe(oncall, emptyDomain);
    UUID alarm = fx.event(domain, "alarm", "critical", null, null);
    UUID unheard = fx.event(emptyDomain, "alarm", "critical", null, null);
    fx.awaitRouted(List.of(alarm, unheard));

    scan.scanAt(Instant.now().plus(Duration.ofMinutes(2))).await().atMost(WAIT);

    assertThat(fx.deliveries(alarm))
        .containsExactly(oncall + " inbox delivered", lead + " inbox delivered");
    assertThat(fx.deliveries(unheard)).containsExactly(oncall + " inbox delivered");
  }

  private long originalDelivery(UUID event, String recipient) {
    return Long.parseLong(
        fx.query(
                "SELECT delivery_id FROM signal.delivery WHERE event_id = ? AND recipient_ref = ?",
                event,
                recipient)
            .get(0));
  }
}
