package io.pgsignal.capture.loop;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HotPollTest {

  TestDatabase db;
  @Inject MeterRegistry registry;

  @Test
  void backsOffWhileHotPassesComeBackEmptyButKeepsPollingFasterThanTheFallback() throws Exception {
    one(db, "SELECT signal.emit(p_domain => 'system', p_event_type => 'health_alert')");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> count(db, "SELECT count(*) FROM signal.outbox WHERE state = 'pending'") == 0);

    double before = passes();
    Thread.sleep(1_000); // inside the 3 s hot window, no further fact
    double passesInASecond = passes() - before;

    // every 2 ms that would be ~500 passes; doubling up to 16 ms, ~60; the 200 ms fallback poll, 5
    assertThat(passesInASecond).isBetween(20.0, 150.0);
  }

  private double passes() {
    return registry.get("signal.capture.passes").counter().count();
  }
}
