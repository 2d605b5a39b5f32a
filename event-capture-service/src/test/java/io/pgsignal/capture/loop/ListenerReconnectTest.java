package io.pgsignal.capture.loop;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.emitHealthAlert;
import static io.pgsignal.capture.support.Sql.exec;
import static org.awaitility.Awaitility.await;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListenerReconnectTest {

  private static final String LISTENERS =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'";

  TestDatabase db;
  @Inject CaptureConfig config;

  @Test
  void aFactStillBecomesAnEventWithinThePollIntervalWhenTheListenConnectionIsKilled() {
    await().atMost(Duration.ofSeconds(10)).until(() -> count(db, LISTENERS) == 1);
    // notifications sent now reach nobody: the worker must find the fact by polling or catch-up
    exec(
        db,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    long fact = emitHealthAlert(db);

    // found by the next poll (200 ms in tests); a few intervals of slack for a loaded machine
    await()
        .atMost(config.pollInterval().multipliedBy(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> count(db, "SELECT count(*) FROM signal.outbox WHERE fact_id = ?", fact) == 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> count(db, LISTENERS) == 1);
  }
}
