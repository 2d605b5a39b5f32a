package io.pgsignal.exposure.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamTriggersTest {

  @Test
  void aWakeUpArrivingWhileAReadRunsIsKeptForTheNextRead() throws Exception {
    BroadcastProcessor<Long> wakeups = BroadcastProcessor.create();
    List<Long> reads = new CopyOnWriteArrayList<>();
    CountDownLatch firstReadRunning = new CountDownLatch(1);
    StreamResource.triggers(wakeups)
        .onItem()
        .transformToMultiAndConcatenate(
            t -> {
              reads.add(t);
              firstReadRunning.countDown();
              return Multi.createFrom()
                  .uni(Uni.createFrom().item(t).onItem().delayIt().by(Duration.ofMillis(300)));
            })
        .subscribe()
        .with(t -> {});

    assertThat(firstReadRunning.await(2, TimeUnit.SECONDS)).isTrue();
    wakeups.onNext(1L);
    wakeups.onNext(2L);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (reads.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(reads).containsExactly(-2L, 2L);
  }
}
