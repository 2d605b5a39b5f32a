package io.pgsignal.capture.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.capture.config.CaptureConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox state shared by all replicas, refreshed from PostgreSQL on a timer (a scrape never runs a
 * query): pending backlog, age of the oldest pending fact, dead letters waiting for an operator.
 */
@ApplicationScoped
public class OutboxGauges {

  static final String OUTBOX_STATE =
      """
      SELECT count(*) FILTER (WHERE state = 'pending') AS backlog,
             coalesce(extract(epoch FROM now() - min(recorded_at) FILTER (WHERE state = 'pending')),
                      0)::float8 AS oldest_age,
             count(*) FILTER (WHERE state = 'dead') AS dead
      FROM signal.outbox""";

  private final Pool pool;
  private final CaptureConfig config;
  private final Vertx vertx;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();

  public OutboxGauges(Pool pool, CaptureConfig config, Vertx vertx, MeterRegistry registry) {
    this.pool = pool;
    this.config = config;
    this.vertx = vertx;
    Gauge.builder("signal.capture.outbox.backlog", backlog, AtomicLong::get)
        .description("Pending facts in the outbox")
        .register(registry);
    Gauge.builder(
            "signal.capture.outbox.oldest.pending.age.seconds",
            oldestPendingMillis,
            v -> v.get() / 1000.0)
        .description("Age of the oldest pending fact")
        .register(registry);
    Gauge.builder("signal.capture.outbox.dead", dead, AtomicLong::get)
        .description("Dead-lettered facts waiting for an operator (re-drive)")
        .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
    vertx.setPeriodic(config.metricsRefreshInterval().toMillis(), id -> refresh());
  }

  void refresh() {
    pool.query(OUTBOX_STATE)
        .execute()
        .subscribe()
        .with(
            rows -> {
              var row = rows.iterator().next();
              backlog.set(row.getLong("backlog"));
              oldestPendingMillis.set(Math.round(row.getDouble("oldest_age") * 1000));
              dead.set(row.getLong("dead"));
            },
            e -> Log.debugf("Outbox gauges not refreshed: %s", e.getMessage()));
  }
}
