package io.pgsignal.router.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.router.config.RouterConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from PostgreSQL: open deliveries by (channel, state), routing queue depth and the age
 * of its oldest event. Refreshed on a timer, so a scrape never runs a query. Only the open states
 * and dead are counted, each through its partial index: the other terminal rows grow without bound
 * and counting them was a full scan every refresh.
 */
@ApplicationScoped
public class DeliveryStateGauges {

  /**
   * Open states (ix_delivery_open_by_event) and dead (ix_delivery_dead); the rest is not counted.
   */
  static final List<String> STATES = List.of("pending", "delivered", "failed", "dead");

  static final List<String> CHANNELS = List.of("inbox", "webhook", "email");

  private static final String COUNT_BY_STATE =
      """
      SELECT channel, state, count(*) AS n
      FROM signal.delivery
      WHERE state IN ('pending', 'delivered', 'failed')
      GROUP BY channel, state
      UNION ALL
      SELECT channel, state, count(*) AS n
      FROM signal.delivery
      WHERE state = 'dead'
      GROUP BY channel, state
      """;
  private static final String QUEUE =
      """
      SELECT count(*) AS depth,
             coalesce(extract(epoch FROM now() - min(enqueued_at)), 0) * 1000 AS oldest_ms
      FROM signal.routing_queue
      """;

  private final Pool pool;
  private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicLong oldestQueuedMs = new AtomicLong();

  public DeliveryStateGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    for (String channel : CHANNELS) {
      for (String state : STATES) {
        AtomicLong value = new AtomicLong();
        byState.put(channel + "/" + state, value);
        Gauge.builder("signal_router_deliveries", value, AtomicLong::get)
            .tags("channel", channel, "state", state)
            .description("Open deliveries by channel and state")
            .register(registry);
      }
    }
    Gauge.builder("signal_router_queue_depth", queueDepth, AtomicLong::get)
        .description("Events waiting in signal.routing_queue")
        .register(registry);
    Gauge.builder("signal_router_queue_oldest_seconds", oldestQueuedMs, v -> v.get() / 1000.0)
        .description("Age of the oldest event waiting to be routed (routing lag)")
        .register(registry);
  }

  void start(@Observes StartupEvent event, Vertx vertx, RouterConfig config) {
    refresh();
    vertx.setPeriodic(config.metrics().refreshInterval().toMillis(), id -> refresh());
  }

  /** Re-reads the gauges; failures keep the last values. */
  public Uni<Void> refreshNow() {
    Uni<Void> states =
        pool.query(COUNT_BY_STATE)
            .execute()
            .invoke(
                rows -> {
                  byState.values().forEach(v -> v.set(0));
                  for (Row row : rows) {
                    AtomicLong value =
                        byState.get(row.getString("channel") + "/" + row.getString("state"));
                    if (value != null) {
                      value.set(row.getLong("n"));
                    }
                  }
                })
            .replaceWithVoid();
    Uni<Void> queue =
        pool.query(QUEUE)
            .execute()
            .invoke(
                rows -> {
                  Row row = rows.iterator().next();
                  queueDepth.set(row.getLong("depth"));
                  oldestQueuedMs.set(row.getNumeric("oldest_ms").longValue());
                })
            .replaceWithVoid();
    return states.chain(() -> queue);
  }

  private void refresh() {
    refreshNow()
        .subscribe()
        .with(v -> {}, e -> Log.warnf("Cannot refresh delivery gauges: %s", e.getMessage()));
  }
}
