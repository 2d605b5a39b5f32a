package io.pgsignal.router.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.router.TestClock;
import io.pgsignal.schema.failure.FailureRun;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In the application, so that its log lines go through the service's logging as in production. */
@QuarkusTest
class FailureRunTest {

  @Inject TestClock clock;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(FailureRun.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
          lines.add(record.getLevel() + " " + message);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
    clock.reset();
  }

  @Test
  void logsTheFirstFailureThenOncePerMinuteThenTheRecovery() {
    FailureRun run = new FailureRun("Test step", clock);
    RuntimeException down = new RuntimeException("connection refused");

    for (int second = 0; second < 150; second++) {
      run.failed(down);
      clock.advance(Duration.ofSeconds(1));
    }
    run.succeeded();
    run.succeeded();

    assertThat(lines)
        .containsExactly(
            "WARN Test step failed (retrying): RuntimeException: connection refused",
            "WARN Test step still failing: 61 consecutive failures in 60 s: RuntimeException: connection refused",
            "WARN Test step still failing: 121 consecutive failures in 120 s: RuntimeException: connection refused",
            "INFO Test step recovered after 150 consecutive failures in 150 s");
    assertThat(run.consecutiveFailures()).isZero();

    lines.clear();
    run.failed(down);
    assertThat(lines)
        .containsExactly("WARN Test step failed (retrying): RuntimeException: connection refused");
    assertThat(run.consecutiveFailures()).isEqualTo(1);
  }
}
