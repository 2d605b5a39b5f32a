package io.pgsignal.capture.grouping;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.outbox.PassResult;
import io.pgsignal.capture.support.LoopDisabled;
import io.pgsignal.capture.support.TestClock;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several replicas fold the same closed group at once: eight concurrent folds, each in its own
 * transaction on its own connection as another replica's would be. The loop is off, so the racers
 * alone fold the group: exactly one of them folds every member, one event carries them all, no fact
 * is folded twice or left behind.
 */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class GroupReplicaTest {

  private static final int MEMBERS = 40;
  private static final int REPLICAS = 8;

  TestDatabase db;
  @Inject TestClock clock;
  @Inject GroupFold fold;
  @Inject CaptureConfig config;

  @BeforeEach
  void stopTheClock() {
    clock.freeze();
  }

  @AfterEach
  void restartTheClock() {
    clock.unfreeze();
  }

  @Test
  void replicasFoldingOneGroupAtOnceNeverSplitIt() {
    String key = "batch-" + UUID.randomUUID();
    for (int i = 0; i < MEMBERS; i++) {
      exec(
          db,
          "INSERT INTO signal.outbox (event_domain, event_type, event_subject_ref, actor_ref,"
              + " grouping_key, source_system, recorded_at, next_attempt_at)"
              + " VALUES ('birth_registry', 'entity_born', ?, 'system:birth', ?, 'function', ?, ?)",
          UUID.randomUUID(),
          key,
          Timestamp.from(clock.instant()),
          Timestamp.from(clock.instant()));
    }
    clock.advance(Duration.ofSeconds(3)); // window 2 s: closed for the loop and the replicas alike

    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    GroupKey group = new GroupKey("birth_registry", "entity_born", key);
    List<Uni<PassResult>> replicas = new ArrayList<>();
    for (int r = 0; r < REPLICAS; r++) {
      replicas.add(fold.fold(group, now, config.memberRefsCap()));
    }
    List<PassResult> results =
        Uni.join().all(replicas).andCollectFailures().await().atMost(Duration.ofSeconds(20));

    assertThat(results.stream().mapToInt(PassResult::folded).sum())
        .as("facts folded by the racing replicas")
        .isEqualTo(MEMBERS);
    assertThat(results.stream().filter(r -> r.folded() > 0).count())
        .as("replicas that folded")
        .isEqualTo(1);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE grouping_key = ? AND state = 'pending'",
                key))
        .isZero();
    assertThat(
            one(
                db,
                "SELECT count(*) AS events, min((safe_payload->>'member_count')::int) AS members"
                    + " FROM signal.event WHERE safe_payload->>'grouping_key' = ?",
                key))
        .containsEntry("events", 1L)
        .containsEntry("members", MEMBERS);
    assertThat(count(db, "SELECT count(*) FROM signal.outbox WHERE grouping_key = ?", key))
        .as("every member left the outbox with the one event")
        .isZero();
  }
}
