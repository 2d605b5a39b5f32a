package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  void everyGeneratedBadRequestGetsA4xxErrorBodyAndChangesNothing() throws Exception {
    var fx = new ExposureFixtures(db);
    String agent = fx.agent("agent:bad");
    fx.reader(agent);
    UUID event = fx.iuComment("gpt");
    fx.deliver(event, agent, "delivered");
    String auth = "Bearer " + fx.token(agent);
    String before = fx.fingerprint();

    List<HttpRequest> cases = new ArrayList<>();
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
              cases.add(get(auth, path, param, v));
            }
          });
      cases.add(get(auth, path, "limit", "5", "limit", "6"));
      cases.add(get(auth, path, "since", "2026-05-08T00:00:00Z", "until", "2026-05-01T00:00:00Z"));
    }
    cases.add(get(auth, "/api/signals/inbox", "type", "version_applied", "domain", "system"));
    for (String v : List.of("x", "1")) {
      cases.add(get(auth, "/api/signals/inbox/summary", "limit", v));
    }
    for (String iu : List.of("/api/iu/notifications/board", "/api/iu/notifications/unread")) {
      for (String v : concat(List.of("alert", "health", "bogus"), SQLISH)) {
        cases.add(get(auth, iu, "stream", v));
      }
      for (String v : List.of("0", "501", "x", "-5")) {
        cases.add(get(auth, iu, "limit", v));
      }
      cases.add(get(auth, iu, "actor", "gpt"));
    }
    for (String id :
        concat(List.of("not-a-uuid", "1", "00000000-0000-0000-0000-00000000000z"), SQLISH)) {
      cases.add(get(auth, "/api/signals/events/" + encode(id).replace("+", "%20")));
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
        cases.add(post(auth, path, "application/json", body));
      }
      for (String type :
          List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
        cases.add(post(auth, path, type, "{\"event_ids\": [\"" + event + "\"]}"));
      }
      cases.add(
          post(auth, path + "?x=1", "application/json", "{\"event_ids\": [\"" + event + "\"]}"));
    }
    for (String lastId : List.of("abc", "-1", "1 OR 1=1", "99999999999999999999", "1.5")) {
      cases.add(request(auth, "/api/signals/stream").header("Last-Event-ID", lastId).GET().build());
    }
    cases.add(get(auth, "/api/signals/nope"));
    cases.add(request(auth, "/api/signals/inbox").DELETE().build());
    cases.add(get(auth, "/api/signals/inbox/read"));

    List<String> failures = new ArrayList<>();
    for (HttpRequest c : cases) {
      HttpResponse<String> r = http.send(c, HttpResponse.BodyHandlers.ofString());
      int status = r.statusCode();
      if (status < 400 || status >= 500 || !hasErrorAndMessage(r.body())) {
        failures.add(status + " " + c.method() + " " + c.uri() + " " + r.body());
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    assertThat(failures).isEmpty();
    assertThat(fx.fingerprint()).isEqualTo(before);
  }

  /** One client for every case: keep-alive connections, no per-request parsing machinery. */
  private final HttpClient http = HttpClient.newHttpClient();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI root;

  private HttpRequest.Builder request(String auth, String pathAndQuery) {
    return HttpRequest.newBuilder(root.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", auth);
  }

  /** GET of {@code path} with the query pairs {@code kv} (name, value, name, value...), encoded. */
  private HttpRequest get(String auth, String path, String... kv) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      query.append(i == 0 ? '?' : '&').append(encode(kv[i])).append('=').append(encode(kv[i + 1]));
    }
    return request(auth, path + query).GET().build();
  }

  private HttpRequest post(String auth, String path, String contentType, String body) {
    return request(auth, path)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static boolean hasErrorAndMessage(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.path("error").isTextual() && node.path("message").isTextual();
    } catch (IOException e) {
      return false;
    }
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
