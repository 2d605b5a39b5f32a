package io.pgsignal.capture.deadletter;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.emitHealthAlert;
import static io.pgsignal.capture.support.Sql.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.capture.support.LoopDisabled;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** next_attempt_at follows the state (V109), whichever statement changes it. */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class DeadLetterDueTest {

  TestDatabase db;

  @Test
  void aDeadLetterIsNeverDueAndIsDueAgainOnceSetBackToPendingByHand() {
    long fact = emitHealthAlert(db);

    exec(
        db,
        "UPDATE signal.outbox SET state = 'dead', last_error = 'by hand' WHERE fact_id = ?",
        fact);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE fact_id = ? AND next_attempt_at = 'infinity'",
                fact))
        .isOne();
    assertThat(listed(fact)).isOne();

    exec(db, "UPDATE signal.outbox SET next_attempt_at = now() WHERE fact_id = ?", fact);
    assertThat(listed(fact)).as("a new time alone does not make a dead letter due").isOne();

    exec(db, "UPDATE signal.outbox SET state = 'pending' WHERE fact_id = ?", fact);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE fact_id = ? AND next_attempt_at <= now()",
                fact))
        .isOne();
    assertThat(listed(fact)).isZero();
  }

  /** How often the fact appears in signal.dead_letter (the list operators and the API read). */
  private long listed(long fact) {
    return count(db, "SELECT count(*) FROM signal.dead_letter WHERE fact_id = ?", fact);
  }
}
