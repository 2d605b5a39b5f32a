package io.pgsignal.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

  private HttpServer server;
  private final Set<Object> connections = ConcurrentHashMap.newKeySet();
  private final List<String> methods = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          connections.add(exchange.getRemoteAddress());
          methods.add(exchange.getRequestMethod());
          byte[] body =
              ("hello " + exchange.getRequestHeaders().getFirst("X-Name"))
                  .getBytes(StandardCharsets.UTF_8);
          switch (exchange.getRequestURI().getPath()) {
            case "/fixed" -> exchange.sendResponseHeaders(200, body.length);
            case "/chunked" -> exchange.sendResponseHeaders(200, 0);
            default -> {
              exchange.getResponseHeaders().add("ETag", "\"v1\"");
              exchange.sendResponseHeaders(304, -1);
              exchange.close();
              return;
            }
          }
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsFixedChunkedAndEmptyRepliesOnOneConnection() {
    try (KeepAliveHttp http =
        new KeepAliveHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
      KeepAliveHttp.Reply fixed = http.get("/fixed", Map.of("X-Name", "fixed"));
      KeepAliveHttp.Reply chunked = http.get("/chunked", Map.of("X-Name", "chunked"));
      KeepAliveHttp.Reply unchanged = http.get("/poll", Map.of("X-Name", "poll"));
      KeepAliveHttp.Reply posted = http.post("/fixed", Map.of("X-Name", "post"));

      assertThat(fixed.status()).isEqualTo(200);
      assertThat(fixed.body()).isEqualTo("hello fixed");
      assertThat(chunked.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
      assertThat(chunked.body()).isEqualTo("hello chunked");
      assertThat(unchanged.status()).isEqualTo(304);
      assertThat(unchanged.header("etag")).isEqualTo("\"v1\"");
      assertThat(unchanged.body()).isEmpty();
      assertThat(posted.body()).isEqualTo("hello post");
      assertThat(methods).containsExactly("GET", "GET", "GET", "POST");
      assertThat(connections).as("one kept-alive connection").hasSize(1);
    }
  }
}
