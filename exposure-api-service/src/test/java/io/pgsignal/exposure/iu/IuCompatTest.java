package io.pgsignal.exposure.iu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IuCompatTest {

  TestDatabase db;

  @Test
  void theSeedSignaturesAndViewsExistOverTheUniversalTables() {
    var fx = new ExposureFixtures(db);
    assertThat(
            fx.count(
                "SELECT count(*) FROM pg_proc WHERE oid IN (to_regprocedure('public.fn_iu_unread(text,text,boolean,integer)'), to_regprocedure('public.fn_iu_mark_read(uuid[],text)'), to_regprocedure('public.fn_iu_notification_board(text,text,integer)'))"))
        .isEqualTo(3);
    assertThat(
            fx.count(
                "SELECT count(*) FROM pg_proc WHERE oid = to_regprocedure('public.fn_iu_unread(text,text,boolean,integer)') AND proretset AND prorettype = 'jsonb'::regtype"))
        .isEqualTo(1);
    assertThat(
            fx.count(
                "SELECT count(*) FROM pg_proc WHERE oid = to_regprocedure('public.fn_iu_notification_board(text,text,integer)') AND pronargdefaults = 3"))
        .isEqualTo(1);
    assertThat(
            fx.count(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'iu_notification_event' AND column_name IN ('id','event_type','event_stream','unit_id','canonical_address','ref_id','actor_ref','source','payload','created_at')"))
        .isEqualTo(10);
    assertThat(
            fx.count(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'iu_notification_read' AND column_name IN ('id','event_id','actor_ref','read_at')"))
        .isEqualTo(4);
    assertThat(
            fx.count(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'v_iu_notification_board' AND column_name IN ('body','payload','safe_payload')"))
        .isZero();
  }

  @Test
  void unreadReadAndBoardWorkPerActorThroughTheApi() {
    var fx = new ExposureFixtures(db);
    String me = fx.agent("agent:iu");
    fx.reader(me);
    String auth = "Bearer " + fx.token(me);
    UUID comment = fx.iuComment("gpt");
    UUID own = fx.iuComment(me);

    given()
        .header("Authorization", auth)
        .get("/api/iu/notifications/unread")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(comment.toString()))
        .body("items.id", not(hasItem(own.toString())));
    given()
        .header("Authorization", auth)
        .queryParam("include_self", "true")
        .get("/api/iu/notifications/unread")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(own.toString()));

    given()
        .header("Authorization", auth)
        .contentType("application/json")
        .body("{\"event_ids\": [\"" + comment + "\"]}")
        .post("/api/iu/notifications/read")
        .then()
        .statusCode(200)
        .body("marked", equalTo(1))
        .body("actor_ref", equalTo(me));
    given()
        .header("Authorization", auth)
        .get("/api/iu/notifications/unread")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(comment.toString())));

    var board =
        given()
            .header("Authorization", auth)
            .queryParam("stream", "comment")
            .queryParam("limit", 500)
            .get("/api/iu/notifications/board")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(board.getInt("items.find { it.id == '" + comment + "' }.read_count")).isEqualTo(1);
    assertThat(board.getList("items.find { it.id == '" + comment + "' }.latest_readers"))
        .containsExactly(me);
    assertThat(board.getBoolean("items.find { it.id == '" + comment + "' }.is_read")).isTrue();
    assertThat(
            fx.count(
                "SELECT count(*) FROM public.iu_notification_read WHERE event_id = ? AND actor_ref = ?",
                comment,
                me))
        .isEqualTo(1);
  }

  @Test
  void restrictedIuPayloadsAreBlankedAndUnreadNeedsTheReadRole() {
    var fx = new ExposureFixtures(db);
    String reader = fx.agent("agent:iu-reader");
    fx.reader(reader);
    String outsider = fx.agent("agent:iu-outsider");
    UUID secret = fx.iuComment("gpt");
    fx.exec(
        "UPDATE signal.event SET payload_classification = 'restricted', safe_payload = '{\"unit_id\": \"%s\", \"reviewer_note\": \"n0te-xyz\"}'::jsonb WHERE event_id = ?"
            .formatted(UUID.randomUUID()),
        secret);

    given()
        .header("Authorization", "Bearer " + fx.token(outsider))
        .get("/api/iu/notifications/unread")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    given()
        .header("Authorization", "Bearer " + fx.token(outsider))
        .contentType("application/json")
        .body("{\"event_ids\": [\"" + secret + "\"]}")
        .post("/api/iu/notifications/read")
        .then()
        .statusCode(403);
    String body =
        given()
            .header("Authorization", "Bearer " + fx.token(reader))
            .queryParam("limit", 500)
            .get("/api/iu/notifications/unread")
            .then()
            .statusCode(200)
            .body("items.find { it.id == '" + secret + "' }.payload", equalTo(Map.of()))
            .body("items.find { it.id == '" + secret + "' }.unit_id", nullValue())
            .extract()
            .asString();
    assertThat(body).doesNotContain("n0te-xyz");
    assertThat(
            fx.count(
                "SELECT count(*) FROM public.iu_notification_event WHERE id = ? AND payload = '{}'::jsonb AND unit_id IS NULL",
                secret))
        .isEqualTo(1);
    assertThat(
            fx.count(
                "SELECT count(*) FROM public.v_iu_notification_board WHERE id = ? AND unit_id IS NULL",
                secret))
        .isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM signal.event_read WHERE event_id = ?", secret))
        .isZero();
  }

  @Test
  void iuMarkReadLeavesDeliveriesOfOtherDomainsAlone() {
    var fx = new ExposureFixtures(db);
    String me = fx.agent("agent:iu-other");
    fx.reader(me);
    UUID alert = fx.alert("system:scan");
    fx.deliver(alert, me, "delivered");

    given()
        .header("Authorization", "Bearer " + fx.token(me))
        .contentType("application/json")
        .body("{\"event_ids\": [\"" + alert + "\"]}")
        .post("/api/iu/notifications/read")
        .then()
        .statusCode(200)
        .body("marked", equalTo(0));
    assertThat(fx.deliveryState(alert, me)).isEqualTo("delivered");
    assertThat(fx.count("SELECT count(*) FROM signal.event_read WHERE event_id = ?", alert))
        .isZero();
  }
}
