package io.pgsignal.exposure.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input across every endpoint: each gets a 4xx with {"error","message"}, none a 5xx,
 * and the tables the API could change are byte-for-byte the same afterwards.
 */
@QuarkusTest
class BadRequestTest {

  TestDatabase db;

  private static final List<String> SQLISH =
      List.of(
          "'; DROP TABLE signal.event;--",
          "iu' OR '1'='1",
          "1; DELETE FROM signal.delivery",
          "$1",
          "\\x00",
          "%' --",
          "\"quoted\"");

  @Test
  void everyGeneratedBadRequestGetsA4xxErrorBodyAndChangesNothing() {
    var fx = new ExposureFixtures(db);
    String agent = fx.agent("agent:bad");
    fx.reader(agent);
    UUID event = fx.iuComment("gpt");
    fx.deliver(event, agent, "delivered");
    String auth = "Bearer " + fx.token(agent);
    String before = fx.fingerprint();

    List<Supplier<Response>> cases = new ArrayList<>();
    Map<String, List<String>> badValues =
        Map.ofEntries(
            Map.entry(
                "domain", concat(List.of("nope", "IU", "", "a".repeat(300), "iu ", "ïu"), SQLISH)),
            Map.entry("stream", concat(List.of("bogus", "COMMENT", "comment;", ""), SQLISH)),
            Map.entry("type", concat(List.of("nope", "x".repeat(70), "Comment_Added"), SQLISH)),
            Map.entry("severity", List.of("fatal", "1", "INFO", "")),
            Map.entry(
                "subject",
                concat(
                    List.of(
                        "not-a-uuid",
                        "1234",
                        "00000000-0000-0000-0000-00000000000g",
                        "{" + UUID.randomUUID() + "}"),
                    SQLISH)),
            Map.entry(
                "since",
                List.of(
                    "yesterday",
                    "2026-13-01T00:00:00Z",
                    "+99999-01-01T00:00:00Z",
                    "2026-05-08",
                    "0")),
            Map.entry(
                "until", List.of("tomorrow", "2026-05-08T25:00:00Z", "-0001-01-01T00:00:00Z")),
            Map.entry(
                "limit",
                List.of("0", "-1", "501", "abc", "1e3", "99999999999", "1.5", "", " 5", "0x10")),
            Map.entry(
                "cursor",
                concat(
                    List.of(
                        "abc",
                        "!!!",
                        b64("i:-1"),
                        b64("b:1:nope"),
                        b64("i:99999999999999999999"),
                        b64("x:1"),
                        "A".repeat(200)),
                    SQLISH)),
            Map.entry("state", List.of("read", "ALL", "")),
            Map.entry("include_self", List.of("yes", "1", "TRUE")),
            Map.entry("actor", List.of("gpt", "user:huyen")),
            Map.entry("foo", List.of("bar")));
    for (String path : List.of("/api/signals/board", "/api/signals/inbox")) {
      badValues.forEach(
          (param, values) -> {
            if (path.endsWith("board") && (param.equals("state") || param.equals("include_self"))) {
              return;
            }
            for (String v : values) {
              cases.add(() -> given().header("Authorization", auth).queryParam(param, v).get(path));
            }
          });
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .queryParam("limit", 5)
                  .queryParam("limit", 6)
                  .get(path));
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .queryParam("since", "2026-05-08T00:00:00Z")
                  .queryParam("until", "2026-05-01T00:00:00Z")
                  .get(path));
    }
    cases.add(
        () ->
            given()
                .header("Authorization", auth)
                .queryParam("type", "version_applied")
                .queryParam("domain", "system")
                .get("/api/signals/inbox"));
    for (String v : List.of("x", "1")) {
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .queryParam("limit", v)
                  .get("/api/signals/inbox/summary"));
    }
    for (String iu : List.of("/api/iu/notifications/board", "/api/iu/notifications/unread")) {
      for (String v : concat(List.of("alert", "health", "bogus"), SQLISH)) {
        cases.add(() -> given().header("Authorization", auth).queryParam("stream", v).get(iu));
      }
      for (String v : List.of("0", "501", "x", "-5")) {
        cases.add(() -> given().header("Authorization", auth).queryParam("limit", v).get(iu));
      }
      cases.add(() -> given().header("Authorization", auth).queryParam("actor", "gpt").get(iu));
    }
    for (String id :
        concat(List.of("not-a-uuid", "1", "00000000-0000-0000-0000-00000000000z"), SQLISH)) {
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .urlEncodingEnabled(true)
                  .get("/api/signals/events/{id}", id));
    }
    String big =
        "{\"event_ids\": ["
            + ("\"" + UUID.randomUUID() + "\",").repeat(2000)
            + "\""
            + UUID.randomUUID()
            + "\"]}";
    String tooMany =
        "{\"event_ids\": ["
            + ("\"" + UUID.randomUUID() + "\",").repeat(500)
            + "\""
            + UUID.randomUUID()
            + "\"]}";
    List<String> bodies =
        concat(
            List.of(
                "",
                "{",
                "[]",
                "null",
                "{}",
                "\"x\"",
                "{\"event_ids\": []}",
                "{\"event_ids\": \"x\"}",
                "{\"event_ids\": [1]}",
                "{\"event_ids\": [\"nope\"]}",
                "{\"event_ids\": [null]}",
                "{\"event_ids\": [[\"" + event + "\"]]}",
                "{\"event_ids\": [\"" + event + "\"], \"actor_ref\": \"gpt\"}",
                "{\"EVENT_IDS\": [\"" + event + "\"]}",
                big,
                tooMany),
            SQLISH.stream()
                .map(
                    s ->
                        "{\"event_ids\": [\""
                            + s.replace("\\", "\\\\").replace("\"", "\\\"")
                            + "\"]}")
                .toList());
    for (String path :
        List.of(
            "/api/signals/inbox/read", "/api/signals/inbox/ack", "/api/iu/notifications/read")) {
      for (String body : bodies) {
        cases.add(
            () ->
                given()
                    .header("Authorization", auth)
                    .contentType("application/json")
                    .body(body)
                    .post(path));
      }
      for (String type :
          List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
        cases.add(
            () ->
                given()
                    .header("Authorization", auth)
                    .contentType(type)
                    .body("{\"event_ids\": [\"" + event + "\"]}")
                    .post(path));
      }
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .contentType("application/json")
                  .queryParam("x", "1")
                  .body("{\"event_ids\": [\"" + event + "\"]}")
                  .post(path));
    }
    for (String lastId : List.of("abc", "-1", "1 OR 1=1", "99999999999999999999", "1.5")) {
      cases.add(
          () ->
              given()
                  .header("Authorization", auth)
                  .header("Last-Event-ID", lastId)
                  .get("/api/signals/stream"));
    }
    cases.add(() -> given().header("Authorization", auth).get("/api/signals/nope"));
    cases.add(() -> given().header("Authorization", auth).delete("/api/signals/inbox"));
    cases.add(() -> given().header("Authorization", auth).get("/api/signals/inbox/read"));

    List<String> failures = new ArrayList<>();
    for (Supplier<Response> c : cases) {
      Response r = c.get();
      int status = r.statusCode();
      String error = status >= 400 && status < 500 ? r.jsonPath().getString("error") : null;
      String message = error == null ? null : r.jsonPath().getString("message");
      if (status < 400 || status >= 500 || error == null || message == null) {
        failures.add(status + " " + r.asString());
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    assertThat(failures).isEmpty();
    assertThat(fx.fingerprint()).isEqualTo(before);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
