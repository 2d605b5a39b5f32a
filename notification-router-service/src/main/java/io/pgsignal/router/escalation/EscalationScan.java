package io.pgsignal.router.escalation;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.router.metrics.RouterMetrics;
import io.pgsignal.schema.failure.FailureRun;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Escalation seam: every interval, critical deliveries still unacknowledged after their type's
 * delay give the type's escalation target an inbox delivery ({@code signal.escalate_overdue},
 * idempotent, so replicas may overlap). "Now" comes from the injected clock.
 */
@ApplicationScoped
public class EscalationScan {

  static final String ESCALATE =
      """
      SELECT delivery_id, event_id, recipient_ref
      FROM signal.escalate_overdue($1, $2 * interval '1 millisecond', $3)
      """;

  /** Ids only (SPEC: payloads are hints); empty when they would not fit in one NOTIFY. */
  static final String NOTIFY =
      """
      SELECT pg_notify('signal_delivery', CASE WHEN length($1) <= 7900 THEN $1 ELSE '' END)
      """;

  private final Pool pool;
  private final Clock clock;
  private final RouterMetrics metrics;
  private final RouterConfig.Escalation config;
  private final FailureRun failures;

  public EscalationScan(Pool pool, Clock clock, RouterMetrics metrics, RouterConfig config) {
    this.pool = pool;
    this.clock = clock;
    this.metrics = metrics;
    this.config = config.escalation();
    this.failures = new FailureRun("Escalation scan", clock);
  }

  void start(@Observes StartupEvent event, Vertx vertx) {
    if (config.enabled()) {
      vertx.setPeriodic(
          config.interval().toMillis(),
          id ->
              scanAt(clock.instant())
                  .subscribe()
                  .with(n -> failures.succeeded(), failures::failed));
    }
  }

  /** Escalates what is overdue at {@code now}; returns how many deliveries it wrote. */
  public Uni<Integer> scanAt(Instant now) {
    return pool.preparedQuery(ESCALATE)
        .execute(
            Tuple.of(
                now.atOffset(ZoneOffset.UTC), config.lookback().toMillis(), config.batchSize()))
        .chain(
            rows -> {
              if (rows.rowCount() == 0) {
                return Uni.createFrom().item(0);
              }
              List<String> ids = new ArrayList<>();
              rows.forEach(
                  row ->
                      Log.infof(
                          "Escalated event %s to %s (delivery %d)",
                          row.getUUID("event_id"),
                          row.getString("recipient_ref"),
                          row.getLong("delivery_id")));
              rows.forEach(row -> ids.add(Long.toString(row.getLong("delivery_id"))));
              metrics.escalated(rows.rowCount());
              // after the escalation committed: the exposure API's live stream picks the rows up
              return pool.preparedQuery(NOTIFY)
                  .execute(Tuple.of(String.join(",", ids)))
                  .replaceWith(rows.rowCount());
            });
  }
}
