package io.pgsignal.capture.deadletter;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.one;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fact whose processing keeps failing is retried with back-off, then dead-lettered, re-driven.
 */
@QuarkusTest
class PoisonFactTest {

  private static final String ADMIN = "Bearer test-admin-token";

  TestDatabase db;

  @AfterEach
  void removeTheFault() {
    exec(db, "DROP TRIGGER IF EXISTS trg_test_explode ON signal.event");
  }

  @Test
  void deadLettersAFactAfterMaxAttemptsWhileTheOthersFlowAndReDrivesItToAnEvent() {
    // a fault the worker cannot foresee: the event insert fails for this fact only
    exec(
        db,
        """
        CREATE OR REPLACE FUNCTION public.test_explode() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.safe_payload->>'explode' IS NOT NULL THEN RAISE EXCEPTION 'exploding fact for the test'; END IF;
          RETURN NEW;
        END $$""");
    exec(
        db,
        "CREATE TRIGGER trg_test_explode BEFORE INSERT ON signal.event FOR EACH ROW EXECUTE FUNCTION public.test_explode()");

    long poison = emit("{\"explode\": 1}");
    List<Long> good = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      good.add(emit("{\"n\": " + i + "}"));
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> allDone(good));
    await().atMost(Duration.ofSeconds(15)).until(() -> "dead".equals(state(poison)));
    assertThat(one(db, "SELECT attempts, last_error FROM signal.outbox WHERE fact_id = ?", poison))
        .containsEntry("attempts", 3)
        .containsEntry("last_error", "P0001: exploding fact for the test");
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE fact_id = ? AND next_attempt_at = 'infinity'",
                poison))
        .as("a dead letter is never due (V109)")
        .isOne();
    assertThat(
            count(
                db, "SELECT count(*) FROM signal.event WHERE safe_payload->>'explode' IS NOT NULL"))
        .isZero();

    given()
        .header("Authorization", ADMIN)
        .get("/api/ops/dead-letters?limit=500")
        .then()
        .statusCode(200)
        .body("items.fact_id", hasItem((int) poison));

    exec(db, "DROP TRIGGER trg_test_explode ON signal.event");
    given()
        .header("Authorization", ADMIN)
        .post("/api/ops/dead-letters/" + poison + "/redrive")
        .then()
        .statusCode(200)
        .body("fact_id", equalTo((int) poison))
        .body("state", equalTo("pending"));

    await().atMost(Duration.ofSeconds(10)).until(() -> allDone(List.of(poison)));
    assertThat(
            count(
                db, "SELECT count(*) FROM signal.event WHERE safe_payload->>'explode' IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void theOperationsEndpointsRefuseAMissingOrWrongToken() {
    given()
        .get("/api/ops/dead-letters")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    given()
        .header("Authorization", "Bearer wrong")
        .post("/api/ops/dead-letters/1/redrive")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void badInputGetsA4xxWithAnErrorCode() {
    given()
        .header("Authorization", ADMIN)
        .get("/api/ops/dead-letters?limit=0")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_limit"));
    given()
        .header("Authorization", ADMIN)
        .get("/api/ops/dead-letters?before=x")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_cursor"));
    given()
        .header("Authorization", ADMIN)
        .post("/api/ops/dead-letters/abc/redrive")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_id"));
    given()
        .header("Authorization", ADMIN)
        .post("/api/ops/dead-letters/999999999/redrive")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  private long emit(String payload) {
    return ((Number)
            one(
                    db,
                    "SELECT signal.emit(p_domain => 'system', p_event_type => 'health_alert', p_safe_payload => ?::jsonb) AS id",
                    payload)
                .get("id"))
        .longValue();
  }

  private String state(long factId) {
    return (String)
        one(db, "SELECT state FROM signal.outbox WHERE fact_id = ?", factId).get("state");
  }

  private boolean allDone(List<Long> ids) {
    return count(
            db,
            "SELECT count(*) FROM signal.outbox WHERE fact_id = ANY (?)",
            (Object) ids.toArray(Long[]::new))
        == 0;
  }
}
