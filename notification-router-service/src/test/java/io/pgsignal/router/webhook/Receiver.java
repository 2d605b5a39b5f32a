package io.pgsignal.router.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real local webhook receiver (JDK HTTP server). It verifies every signature with the secret, as
 * a Standard Webhooks consumer does, independently of the router's signer, and answers with the
 * status its behaviour gives for the n-th request (0-based); a negative status never answers.
 */
final class Receiver implements AutoCloseable {

  record Received(
      String webhookId, String timestamp, String body, boolean signatureValid, int status) {}

  private final HttpServer server;
  private final String secret;
  private volatile IntUnaryOperator behaviour;
  private volatile long answerAfterMs;
  final List<Received> requests = new CopyOnWriteArrayList<>();

  Receiver(String secret, IntUnaryOperator behaviour) throws IOException {
    this.secret = secret;
    this.behaviour = behaviour;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "webhook-receiver");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/hook", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void behave(IntUnaryOperator next) {
    behaviour = next;
  }

  /** Answers every later request only after {@code delay} (a slow endpoint). */
  void answerAfter(java.time.Duration delay) {
    answerAfterMs = delay.toMillis();
  }

  long successes() {
    return requests.stream().filter(r -> r.status() >= 200 && r.status() < 300).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    boolean valid = expectedSignature(id + "." + timestamp + "." + body).equals(signature);
    int status;
    synchronized (this) {
      status = valid ? behaviour.applyAsInt(requests.size()) : 401;
      requests.add(new Received(id, timestamp, body, valid, status));
    }
    if (status < 0 || answerAfterMs > 0) {
      try {
        Thread.sleep(status < 0 ? 60_000 : answerAfterMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (status < 0) {
        exchange.close();
        return;
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private String expectedSignature(String content) {
    try {
      byte[] key =
          secret.startsWith("whsec_")
              ? Base64.getDecoder().decode(secret.substring(6))
              : secret.getBytes(StandardCharsets.UTF_8);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "v1,"
          + Base64.getEncoder()
              .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
