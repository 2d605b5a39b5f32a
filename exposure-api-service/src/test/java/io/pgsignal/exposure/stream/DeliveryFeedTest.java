package io.pgsignal.exposure.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryFeedTest {

  TestDatabase db;

  @Inject DeliveryFeed feed;
  @Inject MeterRegistry metrics;

  @BeforeEach
  void listening() {
    await().atMost(Duration.ofSeconds(10)).until(feed::isListening);
  }

  @Test
  void wakesOnlyTheStreamsOfTheNotifiedDeliveriesRecipients() {
    var fx = new ExposureFixtures(db);
    String alice = fx.agent("agent:feed-a");
    String bob = fx.agent("agent:feed-b");
    var aliceWakeups = feed.wakeups(alice).subscribe().withSubscriber(AssertSubscriber.create(10));
    var bobWakeups = feed.wakeups(bob).subscribe().withSubscriber(AssertSubscriber.create(10));

    fx.deliverAndNotify(fx.iuComment("gpt"), alice);
    aliceWakeups.awaitItems(1, Duration.ofSeconds(5));
    fx.deliverAndNotify(fx.iuComment("gpt"), bob);
    bobWakeups.awaitItems(1, Duration.ofSeconds(5));

    // each notification was looked up and woke only its recipient
    assertThat(aliceWakeups.getItems()).containsExactly(new Wakeup(Set.of(alice)));
    assertThat(bobWakeups.getItems()).containsExactly(new Wakeup(Set.of(bob)));
    aliceWakeups.cancel();
    bobWakeups.cancel();
  }

  @Test
  void wakesEveryStreamWhenTheHintNamesNoDelivery() {
    var fx = new ExposureFixtures(db);
    var one =
        feed.wakeups(fx.agent("agent:feed-1"))
            .subscribe()
            .withSubscriber(AssertSubscriber.create(10));
    var two =
        feed.wakeups(fx.agent("agent:feed-2"))
            .subscribe()
            .withSubscriber(AssertSubscriber.create(10));

    fx.exec("SELECT pg_notify('signal_delivery', '')"); // read/ack, or too many ids for one NOTIFY
    fx.exec("SELECT pg_notify('signal_delivery', 'not-ids')");

    one.awaitItems(2, Duration.ofSeconds(5));
    two.awaitItems(2, Duration.ofSeconds(5));
    assertThat(one.getItems()).containsOnly(Wakeup.EVERYONE);
    assertThat(two.getItems()).containsOnly(Wakeup.EVERYONE);
    one.cancel();
    two.cancel();
  }

  @Test
  void countsOpenStreamsUntilTheyEnd() {
    double before = metrics.get("signal_stream_open").gauge().value();
    var stream = feed.wakeups("agent:gauge").subscribe().withSubscriber(AssertSubscriber.create());
    assertThat(metrics.get("signal_stream_open").gauge().value()).isEqualTo(before + 1);
    stream.cancel();
    assertThat(metrics.get("signal_stream_open").gauge().value()).isEqualTo(before);
  }
}
