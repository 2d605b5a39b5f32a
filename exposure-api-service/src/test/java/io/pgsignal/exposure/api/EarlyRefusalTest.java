package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Requests refused before JAX-RS sees them (by the HTTP layer) still get the API's error body. */
@QuarkusTest
class EarlyRefusalTest {

  TestDatabase db;

  @TestHTTPResource("/")
  URI root;

  @Test
  void malformedPercentEncodingGetsA400ErrorBody() throws Exception {
    var fx = new ExposureFixtures(db);
    String agent = fx.agent("agent:pct");
    fx.reader(agent);
    String token = fx.token(agent);
    for (String path :
        List.of(
            "/api/signals/board?domain=%zz",
            "/api/signals/inbox?domain=%",
            "/api/signals/events/%zz",
            "/api/registries-pivot/node/%zz")) {
      String r = rawGet(path, token);
      assertThat(r).as(path).startsWith("HTTP/1.1 400");
      assertThat(r.toLowerCase()).as(path).contains("content-type: application/json");
      JsonNode body = new ObjectMapper().readTree(r.substring(r.indexOf("\r\n\r\n") + 4));
      assertThat(body.path("error").asText()).as(path).isEqualTo("invalid_url");
      assertThat(body.path("message").asText()).as(path).isNotBlank();
    }
  }

  @Test
  void aBodyOverTheHttpLimitGetsA413ErrorBody() throws Exception {
    var fx = new ExposureFixtures(db);
    String token = fx.token(fx.agent("agent:huge"));
    String r =
        raw(
            "POST /api/signals/inbox/read HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
    assertThat(r).startsWith("HTTP/1.1 413");
    assertThat(r.toLowerCase()).contains("content-type: application/json");
    JsonNode body = new ObjectMapper().readTree(r.substring(r.indexOf("\r\n\r\n") + 4));
    assertThat(body.path("error").asText()).isEqualTo("body_too_large");
  }

  /** java.net clients refuse such URLs, so the request is written by hand. */
  private String rawGet(String path, String token) throws Exception {
    return raw(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\nConnection: close\r\n\r\n");
  }

  /** Sends the request text and reads the answer (until its Content-Length, a close or 5 s). */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      StringBuilder answer = new StringBuilder();
      byte[] buf = new byte[8192];
      try {
        for (int n; !complete(answer) && (n = socket.getInputStream().read(buf)) > 0; ) {
          answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException e) {
        // what arrived is the answer
      }
      return answer.toString();
    }
  }

  private static boolean complete(CharSequence answer) {
    String text = answer.toString();
    int head = text.indexOf("\r\n\r\n");
    if (head < 0) {
      return false;
    }
    Matcher length = CONTENT_LENGTH.matcher(text.substring(0, head));
    return length.find() && text.length() - head - 4 >= Integer.parseInt(length.group(1));
  }

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
}
