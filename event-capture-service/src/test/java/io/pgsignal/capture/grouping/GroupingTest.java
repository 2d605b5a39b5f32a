package io.pgsignal.capture.grouping;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgsignal.capture.support.TestClock;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debounce per SPEC §4 with birth_registry/entity_born (window 2 s, max wait 30 s). Facts arrive at
 * the worker's clock time ({@code recorded_at}); the clock moves forward instead of sleeping.
 */
@QuarkusTest
class GroupingTest {

  private static final Duration SETTLE = Duration.ofMillis(800); // a few poll intervals

  TestDatabase db;
  @Inject TestClock clock;

  @BeforeEach
  void stopTheClock() {
    clock.freeze();
  }

  @AfterEach
  void restartTheClock() {
    clock.unfreeze();
  }

  @Test
  void factsOfOneKeyInsideTheWindowBecomeOneEventWithTheirCountAndRefs() throws Exception {
    String key = "batch-" + UUID.randomUUID();
    UUID first = UUID.randomUUID();
    arrive(key, first);
    arrive(key, UUID.randomUUID());
    arrive(key, UUID.randomUUID());
    clock.advance(Duration.ofSeconds(1));
    Thread.sleep(SETTLE.toMillis());
    assertThat(eventsOf(key)).as("window still open").isZero();

    clock.advance(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(key) == 1);
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
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE grouping_key = ? AND state = 'done'",
                key))
        .isEqualTo(3);
  }

  @Test
  void aFactAfterTheWindowStartsANewGroup() {
    String key = "batch-" + UUID.randomUUID();
    arrive(key, UUID.randomUUID());
    arrive(key, UUID.randomUUID());
    clock.advance(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(key) == 1);

    arrive(key, UUID.randomUUID());
    clock.advance(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(key) == 2);
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
  void theMaximumWaitClosesAGroupUnderASteadyTrickle() throws Exception {
    String key = "batch-" + UUID.randomUUID();
    int arrived = 0;
    // one fact every 1.5 s (inside the 2 s window) for 40 s of worker time
    while (arrived < 27) {
      arrive(key, UUID.randomUUID());
      arrived++;
      clock.advance(Duration.ofMillis(1500));
      Thread.sleep(300); // let a poll (200 ms in tests) see each moment
    }
    Thread.sleep(SETTLE.toMillis());
    var groups =
        rows(
            db,
            "SELECT (safe_payload->>'member_count')::int AS members FROM signal.event"
                + " WHERE safe_payload->>'grouping_key' = ? ORDER BY occurred_at",
            key);
    assertThat(groups).as("closed by max wait although facts kept arriving").isNotEmpty();
    // 30 s max wait at one fact per 1.5 s: 20 members, one or two more if a poll came late
    assertThat((int) groups.get(0).get("members")).isBetween(20, 22);
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
