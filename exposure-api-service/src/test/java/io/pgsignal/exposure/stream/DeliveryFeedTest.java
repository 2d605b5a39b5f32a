package io.pgsignal.exposure.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
  void aFullSizedHintOfShortIdsStillWakesItsRecipient() {
    var fx = new ExposureFixtures(db);
    String carol = fx.agent("agent:feed-c");
    var wakeups = feed.wakeups(carol).subscribe().withSubscriber(AssertSubscriber.create(10));
    long mine = fx.deliver(fx.iuComment("gpt"), carol, "delivered");
    StringBuilder hint = new StringBuilder(Long.toString(mine));
    for (int id = 1; hint.length() < 7_890; id++) {
      hint.append(',').append(id); // what route_batch sends for a big batch on a young database
    }
    assertThat(DeliveryFeed.deliveryIds(hint.toString())).hasSizeGreaterThan(1_500);

    fx.exec("SELECT pg_notify('signal_delivery', ?)", hint.toString());

    wakeups.awaitItems(1, Duration.ofSeconds(5));
    assertThat(wakeups.getItems().get(0).concerns(carol)).isTrue();
    assertThat(wakeups.getItems().get(0)).isNotEqualTo(Wakeup.EVERYONE);
    wakeups.cancel();
  }

  @Test
  void countsOpenStreamsUntilTheyEnd() {
    // a feed of its own: the service's gauge also counts the SSE connections of other tests
    var registry = new SimpleMeterRegistry();
    var own = new DeliveryFeed(null, null, null, registry);
    var first = own.wakeups("agent:gauge-1").subscribe().withSubscriber(AssertSubscriber.create());
    var second = own.wakeups("agent:gauge-2").subscribe().withSubscriber(AssertSubscriber.create());
    assertThat(registry.get("signal_stream_open").gauge().value()).isEqualTo(2);
    first.cancel();
    assertThat(registry.get("signal_stream_open").gauge().value()).isEqualTo(1);
    second.cancel();
    assertThat(registry.get("signal_stream_open").gauge().value()).isZero();
  }
}
