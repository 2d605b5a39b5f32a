package io.pgsignal.capture.grouping;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.capture.loop.CapturePass;
import io.pgsignal.capture.support.LoopDisabled;
import io.pgsignal.capture.support.TestClock;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debounce per SPEC §4 with birth_registry/entity_born (window 2 s, max wait 30 s). Facts arrive at
 * the worker's clock time ({@code recorded_at}); the clock moves forward instead of sleeping, and
 * the test runs a pass after each step (the loop is off), so every moment is seen exactly once.
 */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class GroupingTest {

  private static final Duration PASS_TIMEOUT = Duration.ofSeconds(30);

  TestDatabase db;
  @Inject TestClock clock;
  @Inject CapturePass pass;

  @BeforeEach
  void stopTheClock() {
    clock.freeze();
  }

  @AfterEach
  void restartTheClock() {
    clock.unfreeze();
  }

  @Test
  void factsOfOneKeyInsideTheWindowBecomeOneEventWithTheirCountAndRefs() {
    String key = "batch-" + UUID.randomUUID();
    UUID first = UUID.randomUUID();
    arrive(key, first);
    arrive(key, UUID.randomUUID());
    arrive(key, UUID.randomUUID());
    advanceAndPass(Duration.ofSeconds(1));
    assertThat(eventsOf(key)).as("window still open").isZero();

    advanceAndPass(Duration.ofSeconds(2));
    assertThat(eventsOf(key)).isEqualTo(1);
    var event =
        rows(
                db,
                "SELECT (safe_payload->>'member_count')::int AS members,"
                    + " jsonb_array_length(safe_payload->'member_refs') AS refs,"
                    + " safe_payload->'member_refs'->>0 AS first_ref, source_system, event_subject_ref"
                    + " FROM signal.event WHERE safe_payload->>'grouping_key' = ?",
                key)
            .get(0);
    assertThat(event)
        .containsEntry("members", 3)
        .containsEntry("refs", 3)
        .containsEntry("first_ref", first.toString())
        .containsEntry("source_system", "worker")
        .containsEntry("event_subject_ref", first);
    assertThat(count(db, "SELECT count(*) FROM signal.outbox WHERE grouping_key = ?", key))
        .as("the folded facts leave the outbox with the group's event")
        .isZero();
  }

  @Test
  void aFactAfterTheWindowStartsANewGroup() {
    String key = "batch-" + UUID.randomUUID();
    arrive(key, UUID.randomUUID());
    arrive(key, UUID.randomUUID());
    advanceAndPass(Duration.ofSeconds(3));
    assertThat(eventsOf(key)).isEqualTo(1);

    arrive(key, UUID.randomUUID());
    advanceAndPass(Duration.ofSeconds(3));
    assertThat(eventsOf(key)).isEqualTo(2);
    assertThat(
            rows(
                db,
                "SELECT (safe_payload->>'member_count')::int AS members FROM signal.event"
                    + " WHERE safe_payload->>'grouping_key' = ? ORDER BY occurred_at",
                key))
        .extracting(r -> r.get("members"))
        .containsExactly(2, 1);
  }

  @Test
  void theMaximumWaitClosesAGroupUnderASteadyTrickle() {
    String key = "batch-" + UUID.randomUUID();
    // one fact every 1.5 s (inside the 2 s window) for 40.5 s of worker time, a pass after each
    for (int arrived = 0; arrived < 27; arrived++) {
      arrive(key, UUID.randomUUID());
      advanceAndPass(Duration.ofMillis(1500));
    }
    var groups =
        rows(
            db,
            "SELECT (safe_payload->>'member_count')::int AS members FROM signal.event"
                + " WHERE safe_payload->>'grouping_key' = ? ORDER BY occurred_at",
            key);
    // facts at 0, 1.5, ..., 28.5 s: the pass at 30 s folds those 20; the next group (30-39 s) is
    // open
    assertThat(groups)
        .as("closed by max wait although facts kept arriving")
        .extracting(r -> r.get("members"))
        .containsExactly(20);
  }

  private void advanceAndPass(Duration by) {
    clock.advance(by);
    pass.run().await().atMost(PASS_TIMEOUT);
  }

  private void arrive(String key, UUID subject) {
    exec(
        db,
        "INSERT INTO signal.outbox (event_domain, event_type, event_subject_ref, actor_ref, grouping_key,"
            + " import_batch_ref, source_system, recorded_at, next_attempt_at)"
            + " VALUES ('birth_registry', 'entity_born', ?, 'system:birth', ?, ?, 'function', ?, ?)",
        subject,
        key,
        key,
        Timestamp.from(clock.instant()),
        Timestamp.from(clock.instant()));
  }

  private long eventsOf(String key) {
    return count(
        db, "SELECT count(*) FROM signal.event WHERE safe_payload->>'grouping_key' = ?", key);
  }
}
