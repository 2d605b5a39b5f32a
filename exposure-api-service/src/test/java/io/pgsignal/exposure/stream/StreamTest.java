package io.pgsignal.exposure.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
class StreamTest {

  TestDatabase db;

  @TestHTTPResource("/api/signals/stream")
  URI streamUri;

  private final HttpClient http = HttpClient.newHttpClient();

  /** An open SSE connection whose lines land in a queue. */
  final class Client implements AutoCloseable {
    final BlockingDeque<String> lines = new LinkedBlockingDeque<>();
    final CompletableFuture<HttpResponse<Void>> response;

    Client(String token, String lastEventId) throws InterruptedException {
      var req =
          HttpRequest.newBuilder(streamUri)
              .header("Authorization", "Bearer " + token)
              .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        req.header("Last-Event-ID", lastEventId);
      }
      response =
          http.sendAsync(
              req.build(),
              HttpResponse.BodyHandlers.fromLineSubscriber(
                  new java.util.concurrent.Flow.Subscriber<String>() {
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                      s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                      lines.add(line);
                    }

                    public void onError(Throwable t) {}

                    public void onComplete() {}
                  }));
      // ":connected" follows the first read; what that read sent stays queued for the test
      List<String> first = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String line;
      while (!":connected"
          .equals(line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))) {
        if (line == null) {
          throw new AssertionError("no :connected within 10 s");
        }
        first.add(line);
      }
      for (int i = first.size() - 1; i >= 0; i--) {
        lines.addFirst(first.get(i));
      }
    }

    String await(String prefix, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      throw new AssertionError("no line starting with " + prefix + " within " + seconds + " s");
    }

    /** The ids of the next {@code n} delivery events. */
    List<String> ids(int n, int seconds) throws InterruptedException {
      List<String> ids = new ArrayList<>();
      while (ids.size() < n) {
        ids.add(await("id:", seconds).substring(3).trim());
      }
      return ids;
    }

    @Override
    public void close() {
      response.cancel(true);
    }
  }

  @Test
  void aCommittedDeliveryAndItsNotifyReachAnOpenStream() throws Exception {
    var fx = new ExposureFixtures(db);
    String me = fx.agent("agent:sse");
    String token = fx.token(me);
    fx.deliver(fx.iuComment("gpt"), me, "delivered"); // before connecting: not replayed
    try (Client client = new Client(token, null)) {
      // another actor's delivery first: a stream leaking it would send it before ours
      fx.deliverAndNotify(fx.iuComment("gpt"), fx.agent("agent:someone-else"));
      UUID event = fx.iuComment("gpt");
      long delivery = fx.deliverAndNotify(event, me);
      assertThat(client.ids(1, 3)).containsExactly(Long.toString(delivery));
      assertThat(client.await("data:", 1)).contains(event.toString());
    }
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsWhatItMissed() throws Exception {
    var fx = new ExposureFixtures(db);
    String me = fx.agent("agent:resume");
    String token = fx.token(me);
    String first;
    try (Client client = new Client(token, null)) {
      first = Long.toString(fx.deliverAndNotify(fx.iuComment("gpt"), me));
      assertThat(client.ids(1, 3)).containsExactly(first);
    }
    long missed1 = fx.deliverAndNotify(fx.iuComment("gpt"), me);
    long missed2 = fx.deliverAndNotify(fx.alert("system:scan"), me);
    try (Client again = new Client(token, first)) {
      assertThat(again.ids(2, 3)).containsExactly(Long.toString(missed1), Long.toString(missed2));
    }
  }

  /**
   * Two writers: one draws a delivery id early in a slow statement and commits late, the other
   * draws a higher id meanwhile and commits first. The stream sends the higher one at once and the
   * lower one when it commits; a client resuming from the id sent with the higher one also gets the
   * lower one.
   */
  @Test
  @Timeout(60)
  void aDeliveryCommittedAfterOneWithAHigherIdStillReachesTheStreamAndAResume() throws Exception {
    var fx = new ExposureFixtures(db);
    String me = fx.agent("agent:order");
    String bystander = fx.agent("agent:order-other");
    String token = fx.token(me);
    UUID lateEvent = fx.iuComment("gpt");
    String resumeFrom;
    long low;
    try (Client client = new Client(token, null);
        Connection late = db.connect()) {
      late.setAutoCommit(false);
      // row 1 (ours) draws its id, row 2 sleeps before drawing: the statement's end (and its
      // commit) comes after the other writer's commit
      CompletableFuture<Long> slow =
          CompletableFuture.supplyAsync(
              () -> {
                try (PreparedStatement ps =
                    late.prepareStatement(
                        """
                        INSERT INTO signal.delivery (event_id, recipient_ref, channel, state)
                        SELECT ?, r.who, 'inbox', 'delivered'
                        FROM (VALUES (1, ?), (2, ?)) r (n, who)
                        WHERE r.n = 1 OR pg_sleep(2) IS NOT NULL
                        RETURNING delivery_id, recipient_ref
                        """)) {
                  ps.setObject(1, lateEvent);
                  ps.setString(2, me);
                  ps.setString(3, bystander);
                  long mine = 0;
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      if (rs.getString(2).equals(me)) {
                        mine = rs.getLong(1);
                      }
                    }
                  }
                  return mine;
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(700);
      long high = fx.deliverAndNotify(fx.iuComment("gpt"), me);
      resumeFrom = client.ids(1, 3).get(0);
      assertThat(client.await("data:", 1)).contains("\"delivery_id\":" + high);
      low = slow.get(10, TimeUnit.SECONDS);
      assertThat(high).isGreaterThan(low);
      late.commit();
      fx.exec("SELECT pg_notify('signal_delivery', '')");
      client.ids(1, 3);
      assertThat(client.await("data:", 1)).contains("\"delivery_id\":" + low);
    }
    assertThat(Long.parseLong(resumeFrom)).isLessThan(low);
    try (Client again = new Client(token, resumeFrom)) {
      assertThat(again.await("data:", 3)).contains("\"delivery_id\":" + low);
    }
  }

  /**
   * The stream's settled horizon (StreamCursor) needs delivery ids drawn in order across sessions.
   */
  @Test
  void deliveryIdsAreDrawnWithoutAPerSessionCache() throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    """
                    SELECT s.seqcache FROM pg_sequence s
                    WHERE s.seqrelid = pg_get_serial_sequence('signal.delivery', 'delivery_id')::regclass
                    """)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }
}
