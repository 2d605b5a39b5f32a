package io.pgsignal.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.capture.support.LoopDisabled;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The worker's batch statement is planned once per connection, not on every pass. */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class PreparedBatchStatementTest {

  @Inject Pool pool;

  @Test
  void theBatchStatementStaysPreparedOnItsConnection() {
    // longer than the 2,048 characters Vert.x keeps prepared by default
    assertThat(FactBatch.PROCESS_BATCH).hasSizeGreaterThan(2_048);
    long prepared =
        pool.withConnection(
                c ->
                    c.preparedQuery(FactBatch.PROCESS_BATCH)
                        .execute(Tuple.of(OffsetDateTime.now(), 0, "on"))
                        .flatMap(
                            claimedNothing ->
                                c.preparedQuery(
                                        "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1")
                                    .execute(Tuple.of(FactBatch.PROCESS_BATCH)))
                        .map(rows -> rows.iterator().next().getLong(0)))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(prepared).isEqualTo(1);
  }
}
