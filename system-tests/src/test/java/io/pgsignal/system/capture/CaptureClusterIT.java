package io.pgsignal.system.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.Concurrently;
import io.pgsignal.system.support.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two event-capture-service processes work one outbox while four writers insert IU comments: every
 * fact becomes exactly one event, none lost, none duplicated, even though one worker is killed
 * (SIGKILL) half-way and replaced.
 */
class CaptureClusterIT {

  private static final String MODULE = "event-capture-service";
  private static final int WRITERS = 4;
  private static final int FACTS_PER_WRITER = 2_500;
  private static final int FACTS = WRITERS * FACTS_PER_WRITER;

  private static TestDatabase db;
  private static UUID unit;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.migrated("capture_cluster");
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "INSERT INTO public.information_unit (canonical_address, title, body, created_by)"
                        + " VALUES ('iu/cluster', 't', 'b', 'user:huyen') RETURNING id")) {
      rs.next();
      unit = (UUID) rs.getObject(1);
    }
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void fourWritersAndTwoWorkersTurnTenThousandFactsIntoExactlyTenThousandEvents() throws Exception {
    ServiceProcess a = ServiceProcess.start(MODULE, db, Map.of());
    ServiceProcess b = ServiceProcess.start(MODULE, db, Map.of());
    ServiceProcess c = null;
    AtomicInteger written = new AtomicInteger();
    try (Concurrently writers = Concurrently.start(WRITERS, w -> write(w, written))) {
      await().atMost(Duration.ofSeconds(120)).until(() -> written.get() >= FACTS / 2);
      assertThat(eventsWrittenBy(a)).as("worker A took part before it was killed").isPositive();
      a.kill();
      c = ServiceProcess.start(MODULE, db, Map.of());
      writers.join();

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> count("SELECT count(*) FROM signal.outbox") == 0);

      assertThat(count("SELECT count(*) FROM public.unit_edit_comment")).isEqualTo(FACTS);
      assertThat(count("SELECT count(*) FROM signal.event WHERE event_type = 'comment_added'"))
          .isEqualTo(FACTS);
      assertThat(
              count(
                  "SELECT count(*) FROM public.unit_edit_comment c"
                      + " JOIN signal.event e ON e.event_subject_ref = c.id"))
          .as("every comment has its event")
          .isEqualTo(FACTS);
      assertThat(
              count(
                  "SELECT count(*) FROM (SELECT event_subject_ref FROM signal.event"
                      + " GROUP BY 1 HAVING count(*) > 1) d"))
          .as("no comment has two events")
          .isZero();
      assertThat(eventsWrittenBy(b)).as("worker B took part").isPositive();
    } finally {
      a.close();
      b.close();
      if (c != null) {
        c.close();
      }
    }
  }

  private static void write(int writer, AtomicInteger written) {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO public.unit_edit_comment (unit_id, canonical_address, author_ref, body)"
                    + " VALUES (?, 'iu/cluster', ?, 'comment body')")) {
      for (int i = 0; i < FACTS_PER_WRITER; i++) {
        ps.setObject(1, unit);
        ps.setString(2, "user:writer" + writer);
        ps.executeUpdate();
        written.incrementAndGet();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double eventsWrittenBy(ServiceProcess service) {
    return service
        .get("/q/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("signal_capture_events_written_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
