package io.pgsignal.capture.loop;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.emitHealthAlert;
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
    long fact = emitHealthAlert(db);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> count(db, "SELECT count(*) FROM signal.outbox WHERE fact_id = ?", fact) == 0);

    double before = passes();
    Thread.sleep(1_000); // inside the 3 s hot window, no further fact
    double passesInASecond = passes() - before;

    // waits of 2, 4, 8, then 16 ms: ~60 passes (HotPollDelayTest pins the sequence); a fixed 2 ms
    // gave 262 here; the 200 ms fallback poll alone, 5
    assertThat(passesInASecond).isBetween(20.0, 100.0);
  }

  private double passes() {
    return registry.get("signal.capture.passes").counter().count();
  }
}
