package io.pgsignal.capture.loop;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.capture.support.LoopDisabled;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one pass reports to its loop and how it treats errors, driven directly (the loop is off):
 * progress after every batch (liveness during a long drain), no new batch once stopping, transient
 * database errors fail the pass without counting an attempt.
 */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class CapturePassTest {

  private static final Duration PASS_TIMEOUT = Duration.ofSeconds(60);
  private static final int BACKLOG = 1_500; // batches of 500 (full), 1,000 (full), then 2,000

  /** Raises {@code TG_ARGV[0]}'s SQLSTATE for an event whose payload has the key "fault". */
  private static final String FAULT_FUNCTION =
      """
      CREATE OR REPLACE FUNCTION public.test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.safe_payload ? 'fault' THEN
          RAISE EXCEPTION 'fault for the test' USING ERRCODE = TG_ARGV[0];
        END IF;
        RETURN NEW;
      END $$""";

  TestDatabase db;
  @Inject CapturePass pass;

  @AfterEach
  void removeTheFault() {
    exec(db, "DROP TRIGGER IF EXISTS trg_test_fault ON signal.event");
    pass.run().await().atMost(PASS_TIMEOUT); // leaves nothing pending for the next test
  }

  @Test
  void aPassReportsProgressAfterEveryBatchSoALongDrainKeepsTheLoopLive() {
    String marker = backlog(BACKLOG);
    AtomicInteger reports = new AtomicInteger();

    CapturePass.Outcome outcome =
        pass.run(progress(reports, Integer.MAX_VALUE)).await().atMost(PASS_TIMEOUT);

    assertThat(outcome.result().claimed()).isGreaterThanOrEqualTo(BACKLOG);
    assertThat(reports.get())
        .as("progress reports, one per batch at least")
        .isGreaterThanOrEqualTo(3);
    assertThat(pendingOf(marker)).isZero();
  }

  @Test
  void aStoppingLoopStartsNoFurtherBatch() {
    String marker = backlog(BACKLOG);
    AtomicInteger reports = new AtomicInteger();

    CapturePass.Outcome outcome = pass.run(progress(reports, 1)).await().atMost(PASS_TIMEOUT);

    assertThat(outcome.result().claimed()).as("the first batch only").isEqualTo(500);
    assertThat(outcome.full()).isTrue();
    assertThat(reports.get()).isEqualTo(1);
    assertThat(pendingOf(marker)).isEqualTo(BACKLOG - 500);
  }

  // 57P01 (admin shutdown) is left out: raised as a plain ERROR the client never completes the
  // command; a real one is FATAL and closes the connection, which is transient too (no SQLSTATE)
  @ParameterizedTest
  @ValueSource(strings = {"08006", "40001", "40P01", "53300", "57014"})
  void aTransientDatabaseErrorFailsThePassWithoutCountingAnAttempt(String sqlState) {
    installFault(sqlState);
    long fact = emit("{\"fault\": 1}");

    assertThatThrownBy(() -> pass.run().await().atMost(PASS_TIMEOUT))
        .isInstanceOf(PgException.class)
        .hasMessageContaining(sqlState);
    assertThat(factRow(fact))
        .containsEntry("state", "pending")
        .containsEntry("attempts", 0)
        .containsEntry("last_error", null);

    exec(db, "DROP TRIGGER trg_test_fault ON signal.event");
    assertThat(pass.run().await().atMost(PASS_TIMEOUT).result().written()).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM signal.outbox WHERE fact_id = ?", fact)).isZero();
  }

  @Test
  void aTransientErrorWhileFoldingAGroupFailsThePassWithoutCountingAnAttempt() {
    installFault("40P01");
    String key = "batch-" + UUID.randomUUID();
    exec(
        db,
        "INSERT INTO signal.outbox (event_domain, event_type, event_subject_ref, actor_ref, grouping_key,"
            + " source_system, safe_payload, recorded_at, next_attempt_at)"
            + " VALUES ('birth_registry', 'entity_born', ?, 'system:birth', ?, 'function',"
            + " '{\"fault\": 1}', now() - interval '1 minute', now() - interval '1 minute')",
        UUID.randomUUID(),
        key);

    assertThatThrownBy(() -> pass.run().await().atMost(PASS_TIMEOUT))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("40P01");
    assertThat(
            one(
                db,
                "SELECT state, attempts, last_error FROM signal.outbox WHERE grouping_key = ?",
                key))
        .containsEntry("state", "pending")
        .containsEntry("attempts", 0)
        .containsEntry("last_error", null);
  }

  @Test
  void anErrorOfTheFactItselfCountsAnAttempt() {
    installFault("22012");
    long fact = emit("{\"fault\": 1}");

    pass.run().await().atMost(PASS_TIMEOUT);

    assertThat(factRow(fact))
        .containsEntry("state", "pending")
        .containsEntry("attempts", 1)
        .containsEntry("last_error", "22012: fault for the test");
  }

  private static PassProgress progress(AtomicInteger reports, int stopAfter) {
    return new PassProgress() {
      @Override
      public void made() {
        reports.incrementAndGet();
      }

      @Override
      public boolean stopping() {
        return reports.get() >= stopAfter;
      }
    };
  }

  private String backlog(int facts) {
    String marker = UUID.randomUUID().toString();
    exec(
        db,
        "INSERT INTO signal.outbox (event_domain, event_type, source_system, safe_payload)"
            + " SELECT 'system', 'health_alert', 'function', jsonb_build_object('marker', ?::text, 'n', g)"
            + " FROM generate_series(1, ?) g",
        marker,
        facts);
    return marker;
  }

  private long pendingOf(String marker) {
    return count(
        db,
        "SELECT count(*) FROM signal.outbox WHERE state = 'pending' AND safe_payload->>'marker' = ?",
        marker);
  }

  private void installFault(String sqlState) {
    exec(db, FAULT_FUNCTION);
    exec(
        db,
        "CREATE TRIGGER trg_test_fault BEFORE INSERT ON signal.event FOR EACH ROW"
            + " EXECUTE FUNCTION public.test_fault('"
            + sqlState
            + "')");
  }

  private long emit(String payload) {
    return ((Number)
            one(
                    db,
                    "SELECT signal.emit(p_domain => 'system', p_event_type => 'health_alert',"
                        + " p_safe_payload => ?::jsonb) AS id",
                    payload)
                .get("id"))
        .longValue();
  }

  private Map<String, Object> factRow(long factId) {
    return one(
        db, "SELECT state, attempts, last_error FROM signal.outbox WHERE fact_id = ?", factId);
  }
}
