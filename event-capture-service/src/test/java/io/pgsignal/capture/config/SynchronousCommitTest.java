package io.pgsignal.capture.config;

import static io.pgsignal.capture.support.Sql.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.capture.config.CaptureConfig.SynchronousCommit;
import io.pgsignal.capture.support.LoopDisabled;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The commit modes the worker hands to set_config are values PostgreSQL accepts as spelled. */
@QuarkusTest
@TestProfile(LoopDisabled.class)
class SynchronousCommitTest {

  TestDatabase db;

  @Test
  void everyCommitModeIsASynchronousCommitValueOfPostgresql() {
    for (SynchronousCommit mode : SynchronousCommit.values()) {
      Object set =
          one(db, "SELECT set_config('synchronous_commit', ?, false) AS v", mode.sql()).get("v");
      assertThat(set).isEqualTo(mode.sql());
    }
  }
}
