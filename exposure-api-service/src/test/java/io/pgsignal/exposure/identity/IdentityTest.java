package io.pgsignal.exposure.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityTest {

  TestDatabase db;
  ExposureFixtures fx;
  UUID user;
  String human;

  @BeforeEach
  void human() {
    fx = new ExposureFixtures(db);
    user = UUID.randomUUID();
    human = fx.actor(ExposureFixtures.unique("user:h"), "human", user);
  }

  @Test
  void aValidDirectusTokenActsAsTheMappedActor() {
    fx.deliver(fx.iuComment("gpt"), human, "delivered");
    given()
        .header("Authorization", "Bearer " + ExposureFixtures.directusToken(user))
        .get("/api/signals/inbox/summary")
        .then()
        .statusCode(200)
        .body("actor_ref", equalTo(human))
        .body("unread", equalTo(1));
  }

  @Test
  void missingExpiredForgedAndMalformedTokensGet401() {
    long future = Instant.now().getEpochSecond() + 600;
    String[] refused = {
      null,
      "",
      "Basic dXNlcjpwYXNz",
      "Bearer ",
      "Bearer not-a-token",
      "Bearer "
          + ExposureFixtures.jwt(
              ExposureFixtures.DIRECTUS_SECRET,
              user,
              null,
              Instant.now().getEpochSecond() - 5,
              "directus"),
      "Bearer " + ExposureFixtures.jwt("some-other-secret", user, null, future, "directus"),
      "Bearer "
          + ExposureFixtures.jwt(
              ExposureFixtures.DIRECTUS_SECRET, user, null, future, "not-directus"),
      "Bearer " + ExposureFixtures.directusToken(user).replaceFirst("\\.[^.]+$", "."),
      "Bearer eyJhbGciOiJub25lIn0." + ExposureFixtures.directusToken(user).split("\\.")[1] + ".",
      "Bearer sgt_" + "0".repeat(64),
      "Bearer sgt_" + "g".repeat(64),
    };
    for (String header : refused) {
      var req = given();
      if (header != null) {
        req.header("Authorization", header);
      }
      req.get("/api/signals/inbox")
          .then()
          .statusCode(401)
          .body("error", org.hamcrest.Matchers.notNullValue())
          .body("message", org.hamcrest.Matchers.notNullValue());
    }
    given()
        .header(
            "Authorization",
            "Bearer "
                + ExposureFixtures.jwt(
                    ExposureFixtures.DIRECTUS_SECRET,
                    user,
                    null,
                    Instant.now().getEpochSecond() - 5,
                    "directus"))
        .get("/api/signals/inbox")
        .then()
        .statusCode(401)
        .body("error", equalTo("token_expired"));
  }

  @Test
  void aDirectusUserWithoutAnActorIsRefusedOnPerActorEndpoints() {
    given()
        .header("Authorization", "Bearer " + ExposureFixtures.directusToken(UUID.randomUUID()))
        .get("/api/signals/inbox")
        .then()
        .statusCode(401)
        .body("error", equalTo("unknown_actor"));
  }

  @Test
  void aReaderWithoutAnActorSeesTheIuBoardButHasNoUnreadListOrReadMarks() {
    UUID e = fx.iuComment("gpt");
    String readerWithoutActor = "Bearer " + ExposureFixtures.directusReaderToken(UUID.randomUUID());
    given()
        .header("Authorization", readerWithoutActor)
        .get("/api/iu/notifications/board")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", readerWithoutActor)
        .get("/api/iu/notifications/unread")
        .then()
        .statusCode(401)
        .body("error", equalTo("unknown_actor"));
    long readsBefore = fx.count("SELECT count(*) FROM signal.event_read");
    given()
        .header("Authorization", readerWithoutActor)
        .contentType("application/json")
        .body("{\"event_ids\":[\"" + e + "\"]}")
        .post("/api/iu/notifications/read")
        .then()
        .statusCode(401)
        .body("error", equalTo("unknown_actor"));
    assertThat(fx.count("SELECT count(*) FROM signal.event_read")).isEqualTo(readsBefore);
  }

  @Test
  void aRevokedAgentTokenStopsWorking() {
    String agent = fx.agent("agent:rev");
    String token = fx.token(agent);
    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/signals/inbox")
        .then()
        .statusCode(200);
    fx.exec("SELECT signal.revoke_tokens(?)", agent);
    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/signals/inbox")
        .then()
        .statusCode(401);
  }

  @Test
  void theBoardIsReadableByTheReadRoleOnly() {
    String plain = fx.agent("agent:plain");
    String reader = fx.agent("agent:reader");
    fx.reader(reader);
    given().get("/api/signals/board").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + fx.token(plain))
        .get("/api/signals/board")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    given()
        .header("Authorization", "Bearer " + fx.token(reader))
        .get("/api/signals/board")
        .then()
        .statusCode(200);
    String roleToken = ExposureFixtures.directusReaderToken(UUID.randomUUID());
    given()
        .header("Authorization", "Bearer " + roleToken)
        .get("/api/signals/board")
        .then()
        .statusCode(200);
  }

  @Test
  void anActorCannotReadOrChangeAnotherActorsInbox() {
    String a = fx.agent("agent:a");
    String b = fx.agent("agent:b");
    UUID e = fx.iuComment("gpt");
    fx.deliver(e, b, "delivered");
    String aToken = "Bearer " + fx.token(a);
    // parameters naming another actor are refused, never honoured
    given()
        .header("Authorization", aToken)
        .queryParam("actor", b)
        .get("/api/signals/inbox")
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_parameter"));
    given()
        .header("Authorization", aToken)
        .get("/api/signals/inbox")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
    given()
        .header("Authorization", aToken)
        .contentType("application/json")
        .body("{\"event_ids\": [\"" + e + "\"]}")
        .post("/api/signals/inbox/ack")
        .then()
        .statusCode(200)
        .body("not_delivered", equalTo(1));
    given()
        .header("Authorization", aToken)
        .contentType("application/json")
        .body("{\"event_ids\": [\"" + e + "\"], \"actor_ref\": \"" + b + "\"}")
        .post("/api/signals/inbox/read")
        .then()
        .statusCode(400);
    assertThat(fx.deliveryState(e, b)).isEqualTo("delivered");
  }

  @Test
  void corsAllowsTheConfiguredOriginOnly() {
    given()
        .header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "GET")
        .options("/api/signals/inbox")
        .then()
        .header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "GET")
        .options("/api/signals/inbox")
        .then()
        .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
  }
}
