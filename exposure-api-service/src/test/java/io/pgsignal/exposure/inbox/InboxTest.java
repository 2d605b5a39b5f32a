package io.pgsignal.exposure.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxTest {

  TestDatabase db;
  ExposureFixtures fx;
  String me;
  String other;
  String meToken;
  String otherToken;

  @BeforeEach
  void actors() {
    fx = new ExposureFixtures(db);
    me = fx.agent("agent:me");
    other = fx.agent("agent:other");
    meToken = "Bearer " + fx.token(me);
    otherToken = "Bearer " + fx.token(other);
  }

  @Test
  void inboxListsOnlyTheCallersOpenDeliveriesNewestFirst() {
    UUID first = fx.iuComment("gpt");
    UUID second = fx.alert("system:scan");
    UUID own = fx.iuComment(me);
    UUID muted = fx.iuComment("gpt");
    UUID foreign = fx.iuComment("gpt");
    fx.deliver(first, me, "delivered");
    fx.deliver(second, me, "pending");
    fx.deliver(own, me, "implicit_self");
    fx.deliver(muted, me, "suppressed");
    fx.deliver(foreign, other, "delivered");

    given()
        .header("Authorization", meToken)
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .header("X-Poll-Interval", notNullValue())
        .header("ETag", notNullValue())
        .body("items.event_id", contains(second.toString(), first.toString()))
        .body("items[0].unread", equalTo(true))
        .body("items[0].event_severity", equalTo("critical"))
        .body("items[1].safe_payload.unit_id", notNullValue())
        .body("next_cursor", nullValue());

    given()
        .header("Authorization", meToken)
        .queryParam("include_self", "true")
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items.event_id", contains(own.toString(), second.toString(), first.toString()));

    given()
        .header("Authorization", meToken)
        .queryParam("domain", "system")
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items.event_id", contains(second.toString()));
  }

  @Test
  void keysetPagesWalkTheWholeInboxWithoutGapsOrRepeats() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      UUID e = fx.iuComment("gpt");
      fx.deliver(e, me, "delivered");
      expected.add(0, e.toString());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var req = given().header("Authorization", meToken).queryParam("limit", 3);
      if (cursor != null) {
        req.queryParam("cursor", cursor);
      }
      var body = req.get("/api/signals/inbox").then().statusCode(200).extract().jsonPath();
      seen.addAll(body.getList("items.event_id"));
      cursor = body.getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void anUnchangedInboxAnswers304AndAChangeGivesANewTag() {
    UUID e = fx.iuComment("gpt");
    fx.deliver(e, me, "delivered");
    String etag =
        given()
            .header("Authorization", meToken)
            .get("/api/signals/inbox")
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    given()
        .header("Authorization", meToken)
        .header("If-None-Match", etag)
        .get("/api/signals/inbox")
        .then()
        .statusCode(304)
        .header("X-Poll-Interval", equalTo("15"));
    String summaryTag =
        given()
            .header("Authorization", meToken)
            .get("/api/signals/inbox/summary")
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    given()
        .header("Authorization", meToken)
        .header("If-None-Match", summaryTag)
        .get("/api/signals/inbox/summary")
        .then()
        .statusCode(304);

    fx.deliver(fx.alert("system:scan"), me, "delivered");
    given()
        .header("Authorization", meToken)
        .header("If-None-Match", etag)
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items", hasSize(2));
    given()
        .header("Authorization", meToken)
        .header("If-None-Match", summaryTag)
        .get("/api/signals/inbox/summary")
        .then()
        .statusCode(200);
  }

  @Test
  void anEmptyInboxStillCarriesATagThatAnswers304() {
    for (String path : List.of("/api/signals/inbox", "/api/signals/inbox/summary")) {
      String etag =
          given()
              .header("Authorization", otherToken)
              .get(path)
              .then()
              .statusCode(200)
              .extract()
              .header("ETag");
      given()
          .header("Authorization", otherToken)
          .header("If-None-Match", etag)
          .get(path)
          .then()
          .statusCode(304);
    }
    given()
        .header("Authorization", otherToken)
        .get("/api/signals/inbox")
        .then()
        .body("items", hasSize(0))
        .body("next_cursor", nullValue());
    given()
        .header("Authorization", otherToken)
        .get("/api/signals/inbox/summary")
        .then()
        .body("unread", equalTo(0))
        .body("by_stream", hasSize(0));
  }

  /**
   * A transaction stamps updated_at / read_at with its start time, so a change committing after a
   * newer one looks "older": the tag must still change (back-dated stamps emulate that order).
   */
  @Test
  void readAckResolveAndExplicitReadsChangeTheInboxTagWhenCommittedOutOfOrder() {
    long read = fx.deliver(fx.iuComment("gpt"), me, "delivered");
    long ack = fx.deliver(fx.iuComment("gpt"), me, "delivered");
    long resolve = fx.deliver(fx.alert("system:scan"), me, "delivered");
    UUID explicit = fx.iuComment("gpt");
    fx.deliver(explicit, me, "delivered");
    fx.exec(
        "INSERT INTO signal.event_read (event_id, actor_ref, read_kind) VALUES (?, ?, 'read')",
        fx.iuComment("gpt"),
        me);
    String back = "now() - interval '1 hour'";
    List<String> tags = new ArrayList<>();
    tags.add(inboxTag());
    fx.exec(
        "UPDATE signal.delivery SET state = 'read', read_at = %s, updated_at = %s WHERE delivery_id = ?"
            .formatted(back, back),
        read);
    tags.add(inboxTag());
    fx.exec(
        "UPDATE signal.delivery SET state = 'acknowledged', read_at = %s, acknowledged_at = %s, updated_at = %s WHERE delivery_id = ?"
            .formatted(back, back, back),
        ack);
    tags.add(inboxTag());
    fx.exec(
        "UPDATE signal.delivery SET state = 'resolved', resolved_at = %s, updated_at = %s WHERE delivery_id = ?"
            .formatted(back, back),
        resolve);
    tags.add(inboxTag());
    fx.exec(
        "INSERT INTO signal.event_read (event_id, actor_ref, read_kind, read_at) VALUES (?, ?, 'read', %s)"
            .formatted(back),
        explicit,
        me);
    tags.add(inboxTag());
    assertThat(tags).doesNotHaveDuplicates();
  }

  /**
   * A real out-of-order commit: a transaction that started (and so stamps now()) before a newer
   * delivery was committed changes an older delivery and commits after the tag was read.
   */
  @Test
  void aChangeStampedBeforeAnAlreadyCommittedOneStillChangesTheTagWhenItCommits() throws Exception {
    long older = fx.deliver(fx.iuComment("gpt"), me, "delivered");
    try (Connection slow = db.connect()) {
      slow.setAutoCommit(false);
      try (Statement s = slow.createStatement()) {
        s.execute("SELECT now()");
        fx.deliver(fx.alert("system:scan"), me, "delivered");
        String before = inboxTag();
        s.execute(
            "UPDATE signal.delivery SET state = 'read', read_at = now(), updated_at = now() WHERE delivery_id = "
                + older);
        assertThat(inboxTag()).isEqualTo(before);
        slow.commit();
        assertThat(inboxTag()).isNotEqualTo(before);
      }
    }
  }

  @Test
  void aDeliveryRemovedWithItsEventChangesTheTag() {
    UUID gone = fx.iuComment("gpt");
    fx.deliver(gone, me, "read");
    String before = inboxTag();
    fx.exec("DELETE FROM signal.event WHERE event_id = ?", gone);
    assertThat(inboxTag()).isNotEqualTo(before);
  }

  @Test
  void aWebhookDeliveryOrAnImplicitSelfReadLeavesTheInboxTagAlone() {
    fx.deliver(fx.iuComment("gpt"), me, "delivered");
    String before = inboxTag();
    UUID event = fx.iuComment(me);
    fx.exec(
        "INSERT INTO signal.delivery (event_id, recipient_ref, channel, state) VALUES (?, ?, 'webhook', 'pending')",
        event,
        me);
    fx.exec(
        "INSERT INTO signal.event_read (event_id, actor_ref, read_kind) VALUES (?, ?, 'implicit_self')",
        event,
        me);
    assertThat(inboxTag()).isEqualTo(before);
  }

  private String inboxTag() {
    return given()
        .header("Authorization", meToken)
        .queryParam("state", "all")
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .extract()
        .header("ETag");
  }

  @Test
  void summaryCountsUnreadByDomainAndStream() {
    fx.deliver(fx.iuComment("gpt"), me, "delivered");
    fx.deliver(fx.iuComment("gpt"), me, "delivered");
    fx.deliver(fx.alert("system:scan"), me, "delivered");
    fx.deliver(fx.alert("system:scan"), me, "acknowledged");
    fx.deliver(fx.iuComment(me), me, "implicit_self");

    given()
        .header("Authorization", meToken)
        .get("/api/signals/inbox/summary")
        .then()
        .statusCode(200)
        .body("actor_ref", equalTo(me))
        .body("unread", equalTo(3))
        .body("unread_critical", equalTo(1))
        .body("by_stream.event_domain", contains("iu", "system"))
        .body("by_stream.unread", contains(2, 1));
  }

  @Test
  void markReadAndAcknowledgeChangeOnlyTheCallersDeliveriesAndAreIdempotent() {
    UUID shared = fx.iuComment("gpt");
    UUID onlyOther = fx.iuComment("gpt");
    fx.deliver(shared, me, "delivered");
    fx.deliver(shared, other, "delivered");
    fx.deliver(onlyOther, other, "delivered");
    String body = "{\"event_ids\": [\"%s\", \"%s\"]}".formatted(shared, onlyOther);

    given()
        .header("Authorization", meToken)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/signals/inbox/read")
        .then()
        .statusCode(200)
        .body("requested", equalTo(2))
        .body("marked", equalTo(1))
        .body("not_delivered", equalTo(1));
    given()
        .header("Authorization", meToken)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/signals/inbox/read")
        .then()
        .statusCode(200)
        .body("marked", equalTo(0))
        .body("unchanged", equalTo(1));

    assertThat(fx.deliveryState(shared, me)).isEqualTo("read");
    assertThat(fx.deliveryState(shared, other)).isEqualTo("delivered");
    assertThat(fx.deliveryState(onlyOther, other)).isEqualTo("delivered");
    assertThat(fx.count("SELECT count(*) FROM signal.event_read WHERE actor_ref = ?", other))
        .isZero();

    given()
        .header("Authorization", meToken)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/signals/inbox/ack")
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo(1))
        .body("not_delivered", equalTo(1));
    given()
        .header("Authorization", meToken)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/signals/inbox/ack")
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo(0));
    assertThat(fx.deliveryState(shared, me)).isEqualTo("acknowledged");
    assertThat(fx.deliveryState(onlyOther, other)).isEqualTo("delivered");

    given()
        .header("Authorization", meToken)
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
    given()
        .header("Authorization", meToken)
        .queryParam("state", "all")
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items[0].state", equalTo("acknowledged"));
  }

  @Test
  void oneEventIsShownOnlyToAnActorWhoReceivedOrCausedIt() {
    UUID mine = fx.iuComment("gpt");
    UUID theirs = fx.iuComment("gpt");
    fx.deliver(mine, me, "delivered");
    fx.deliver(theirs, other, "delivered");
    given()
        .header("Authorization", meToken)
        .get("/api/signals/events/" + mine)
        .then()
        .statusCode(200)
        .body("event_id", equalTo(mine.toString()))
        .body("deliveries[0].state", equalTo("delivered"))
        .body("safe_payload.unit_id", notNullValue());
    given()
        .header("Authorization", meToken)
        .get("/api/signals/events/" + theirs)
        .then()
        .statusCode(404)
        .body("error", equalTo("unknown_event"));
    given()
        .header("Authorization", otherToken)
        .get("/api/signals/events/" + theirs)
        .then()
        .statusCode(200);
  }

  @Test
  void aRestrictedPayloadIsBlankInTheInboxAndTheEventDetail() {
    UUID restricted = fx.iuComment("gpt");
    fx.exec(
        "UPDATE signal.event SET payload_classification = 'restricted',"
            + " safe_payload = '{\"reviewer_note\": \"n0te-xyz\"}'::jsonb WHERE event_id = ?",
        restricted);
    UUID safe = fx.iuComment("gpt");
    fx.deliver(restricted, me, "delivered");
    fx.deliver(safe, me, "delivered");

    String inbox =
        given()
            .header("Authorization", meToken)
            .get("/api/signals/inbox")
            .then()
            .statusCode(200)
            .body(
                "items.find { it.event_id == '" + restricted + "' }.safe_payload",
                equalTo(Map.of()))
            .body(
                "items.find { it.event_id == '" + safe + "' }.safe_payload.unit_id", notNullValue())
            .extract()
            .asString();
    String detail =
        given()
            .header("Authorization", meToken)
            .get("/api/signals/events/" + restricted)
            .then()
            .statusCode(200)
            .body("payload_classification", equalTo("restricted"))
            .body("safe_payload", equalTo(Map.of()))
            .extract()
            .asString();
    assertThat(inbox + detail).doesNotContain("n0te-xyz");
  }

  @Test
  void readAndAcknowledgeWakeNoStream() throws Exception {
    UUID e = fx.iuComment("gpt");
    fx.deliver(e, me, "delivered");
    try (Connection listener = db.connect()) {
      listener.createStatement().execute("LISTEN signal_delivery");
      var pg = listener.unwrap(org.postgresql.PGConnection.class);
      for (String action : List.of("read", "ack")) {
        given()
            .header("Authorization", meToken)
            .contentType(ContentType.JSON)
            .body("{\"event_ids\": [\"" + e + "\"]}")
            .post("/api/signals/inbox/" + action)
            .then()
            .statusCode(200);
      }
      assertThat(fx.deliveryState(e, me)).isEqualTo("acknowledged");
      // a NOTIFY is delivered at its commit, before the response: had one been sent, it is here
      assertThat(pg.getNotifications(200)).isNullOrEmpty();
    }
  }
}
