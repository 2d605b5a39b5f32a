package io.pgsignal.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.router.RouterFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
class RoutingTest {

  TestDatabase db;
  RouterFixtures fx;

  @BeforeEach
  void fixtures() {
    fx = new RouterFixtures(db);
  }

  @Test
  void aRoleSubscriptionFansOutToItsMembersAndTheCausingActorGetsImplicitSelf() {
    String domain = fx.newDomain();
    String role = fx.actor("role:reviewers", "role");
    String gpt = fx.actor("gpt", "ai_agent");
    String opus = fx.actor("opus", "ai_agent");
    String huyen = fx.actor("user:huyen", "human");
    fx.member(role, gpt);
    fx.member(role, opus);
    fx.subscribe(role, domain);

    UUID event = fx.event(domain, "draft", "info", UUID.randomUUID(), huyen);
    fx.awaitRouted(List.of(event));

    // the role itself is no reader; the causing actor has seen it (no subscription needed)
    assertThat(fx.deliveries(event))
        .containsExactly(
            gpt + " inbox delivered", opus + " inbox delivered", huyen + " inbox implicit_self");
    assertThat(
            fx.query(
                "SELECT via_role FROM signal.delivery WHERE event_id = ? AND recipient_ref = ?",
                event,
                gpt))
        .containsExactly(role);
  }

  @Test
  void aMemberWhoCausedTheEventGetsImplicitSelfInsteadOfANotification() {
    String domain = fx.newDomain();
    String role = fx.actor("role:team", "role");
    String codex = fx.actor("agent:codex", "ai_agent");
    String opus = fx.actor("opus", "ai_agent");
    fx.member(role, codex);
    fx.member(role, opus);
    fx.subscribe(role, domain);

    UUID event = fx.event(domain, "note", "info", null, codex);
    fx.awaitRouted(List.of(event));

    assertThat(fx.deliveries(event))
        .containsExactly(codex + " inbox implicit_self", opus + " inbox delivered");
  }

  @Test
  void aMutedSubscriptionLeavesASuppressedDeliveryForAuditAndBeatsTheRoleRoute() {
    String domain = fx.newDomain();
    String role = fx.actor("role:all", "role");
    String muted = fx.actor("reviewer:gpt", "agency");
    String other = fx.actor("gpt", "ai_agent");
    fx.member(role, muted);
    fx.member(role, other);
    fx.subscribe(role, domain);
    fx.subscribe(muted, domain, "note", null, null, null, "inbox", true);

    UUID note = fx.event(domain, "note", "info", null, null);
    UUID draft = fx.event(domain, "draft", "info", null, null);
    fx.awaitRouted(List.of(note, draft));

    assertThat(fx.deliveries(note))
        .containsExactly(other + " inbox delivered", muted + " inbox suppressed");
    assertThat(fx.deliveries(draft))
        .containsExactly(other + " inbox delivered", muted + " inbox delivered");
  }

  @Test
  void subscriptionsNarrowByTypeStreamSubjectAndMinimumSeverity() {
    String domain = fx.newDomain();
    UUID unit = UUID.randomUUID();
    String byType = fx.actor("by-type", "ai_agent");
    String byStream = fx.actor("by-stream", "ai_agent");
    String bySubject = fx.actor("by-subject", "ai_agent");
    String bySeverity = fx.actor("by-severity", "human");
    fx.subscribe(byType, domain, "draft", null, null, null, "inbox", false);
    fx.subscribe(byStream, domain, null, "comment", null, null, "inbox", false);
    fx.subscribe(bySubject, domain, null, null, unit, null, "inbox", false);
    fx.subscribe(bySeverity, domain, null, null, null, "warning", "inbox", false);

    UUID draftOnUnit = fx.event(domain, "draft", "info", unit, null);
    UUID noteElsewhere = fx.event(domain, "note", "info", UUID.randomUUID(), null);
    UUID warningNote = fx.event(domain, "note", "warning", null, null);
    fx.awaitRouted(List.of(draftOnUnit, noteElsewhere, warningNote));

    assertThat(fx.deliveries(draftOnUnit))
        .containsExactly(bySubject + " inbox delivered", byType + " inbox delivered");
    assertThat(fx.deliveries(noteElsewhere)).containsExactly(byStream + " inbox delivered");
    assertThat(fx.deliveries(warningNote))
        .containsExactly(bySeverity + " inbox delivered", byStream + " inbox delivered");
  }

  @Test
  void anAppliedVersionResolvesTheOpenDraftReviewOfTheSameUnitOnly() {
    String domain = fx.newDomain();
    String reviewer = fx.actor("reviewer:gpt", "agency");
    fx.subscribe(reviewer, domain);
    UUID unit = UUID.randomUUID();

    UUID draft = fx.event(domain, "draft", "info", unit, null);
    UUID otherDraft = fx.event(domain, "draft", "info", UUID.randomUUID(), null);
    fx.awaitRouted(List.of(draft, otherDraft));
    assertThat(fx.deliveries(draft)).containsExactly(reviewer + " inbox delivered");

    UUID applied = fx.event(domain, "applied", "info", unit, null);
    fx.awaitRouted(List.of(applied));

    assertThat(fx.deliveries(draft)).containsExactly(reviewer + " inbox resolved");
    assertThat(fx.deliveries(otherDraft)).containsExactly(reviewer + " inbox delivered");
    assertThat(fx.deliveries(applied)).containsExactly(reviewer + " inbox delivered");
    assertThat(
            fx.query(
                "SELECT resolved_at IS NOT NULL FROM signal.delivery WHERE event_id = ?", draft))
        .containsExactly("t");
  }

  @Test
  void webhookAndEmailDeliveriesStartPendingWhileTheInboxIsDeliveredAtOnce() {
    String domain = fx.newDomain();
    String agent = fx.actor("agent:mail", "ai_agent");
    fx.subscribe(agent, domain, null, null, null, null, "email", false);
    fx.subscribe(agent, domain, null, null, null, null, "inbox", false);

    UUID event = fx.event(domain, "note", "info", null, null);
    fx.awaitRouted(List.of(event));

    // no email adapter ships (seam only): the email delivery waits, visible, as pending
    assertThat(fx.deliveries(event))
        .containsExactly(agent + " email pending", agent + " inbox delivered");
  }

  @Test
  void newInboxDeliveriesAreAnnouncedOnSignalDeliveryByIdAfterCommit() throws Exception {
    String domain = fx.newDomain();
    String human = fx.actor("user:listener", "human");
    fx.subscribe(human, domain);
    try (Connection listener = db.connect()) {
      listener.createStatement().execute("LISTEN signal_delivery");
      UUID event = fx.event(domain, "note", "info", null, null);
      fx.awaitRouted(List.of(event));
      String id =
          fx.query("SELECT delivery_id FROM signal.delivery WHERE event_id = ?", event).get(0);

      List<String> ids = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 5_000;
      while (!ids.contains(id) && System.currentTimeMillis() < deadline) {
        PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(200);
        if (received != null) {
          for (PGNotification n : received) {
            ids.addAll(Arrays.asList(n.getParameter().split(",")));
          }
        }
      }
      assertThat(ids).contains(id);
    }
  }

  @Test
  void adminFunctionsAreIdempotent() {
    String domain = fx.newDomain();
    String role = fx.actor("role:idem", "role");
    String member = fx.actor("opus", "ai_agent");
    fx.member(role, member);
    fx.member(role, member);
    UUID first = fx.subscribe(member, domain, "note", null, null, null, "inbox", false);
    UUID again = fx.subscribe(member, domain, "note", null, null, null, "inbox", true);
    fx.query("SELECT signal.upsert_actor(?, 'ai_agent', 'Opus', NULL)", member);
    fx.query("SELECT signal.upsert_actor(?, 'ai_agent', NULL, NULL)", member);

    assertThat(again).isEqualTo(first);
    assertThat(fx.query("SELECT muted FROM signal.subscription WHERE subscription_id = ?", first))
        .containsExactly("t");
    assertThat(fx.query("SELECT count(*) FROM signal.role_member WHERE role_ref = ?", role))
        .containsExactly("1");
    assertThat(fx.query("SELECT display_name FROM signal.actor WHERE actor_ref = ?", member))
        .containsExactly("Opus");
  }
}
