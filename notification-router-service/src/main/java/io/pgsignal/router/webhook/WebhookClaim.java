package io.pgsignal.router.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases due webhook deliveries (one short statement, no transaction held during HTTP). Per
 * endpoint it takes no more than the free slots: live leases count against {@code
 * perEndpointConcurrency} across replicas, so a slow endpoint never takes the whole batch. The body
 * is {@code signal.event_envelope}: the event with a restricted payload blanked to {@code {}} by
 * the rule every read path uses ({@code signal.visible_payload}): the receiver is outside the
 * database.
 */
@ApplicationScoped
public class WebhookClaim {

  static final String CLAIM =
      """
      WITH active AS (
          SELECT d.recipient_ref, count(*) AS in_flight
          FROM signal.delivery d
          WHERE d.channel = 'webhook' AND d.state IN ('pending', 'failed') AND d.locked_until > now()
          GROUP BY d.recipient_ref
      ), due AS (
          SELECT d.delivery_id, coalesce(a.in_flight, 0) AS in_flight,
                 row_number() OVER (PARTITION BY d.recipient_ref
                                    ORDER BY d.next_attempt_at, d.delivery_id) AS rn
          FROM signal.delivery d
          LEFT JOIN active a ON a.recipient_ref = d.recipient_ref
          WHERE d.channel = 'webhook' AND d.state IN ('pending', 'failed')
            AND d.next_attempt_at <= now()
            AND (d.locked_until IS NULL OR d.locked_until <= now())
      ), picked AS (
          SELECT d.delivery_id
          FROM signal.delivery d
          WHERE d.delivery_id IN (SELECT due.delivery_id FROM due
                                  WHERE due.rn + due.in_flight <= $3
                                  ORDER BY due.delivery_id LIMIT $4)
            AND d.state IN ('pending', 'failed')
            AND (d.locked_until IS NULL OR d.locked_until <= now())
          FOR UPDATE SKIP LOCKED
      )
      UPDATE signal.delivery d
      SET locked_by = $1, locked_until = now() + $2 * interval '1 millisecond', updated_at = now()
      FROM picked p
      WHERE d.delivery_id = p.delivery_id
      RETURNING d.delivery_id, d.event_id, d.recipient_ref, d.attempts,
                (SELECT w.url FROM signal.webhook_endpoint w
                 WHERE w.actor_ref = d.recipient_ref AND w.enabled) AS url,
                (SELECT w.secret FROM signal.webhook_endpoint w
                 WHERE w.actor_ref = d.recipient_ref AND w.enabled) AS secret,
                (SELECT signal.event_envelope(e)::text
                 FROM signal.event e WHERE e.event_id = d.event_id) AS body
      """;

  private final Pool pool;

  public WebhookClaim(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<WebhookJob>> claim(String owner, long leaseMs, int perEndpoint, int limit) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(owner, leaseMs, perEndpoint, limit))
        .map(
            rows -> {
              List<WebhookJob> jobs = new ArrayList<>(rows.size());
              for (Row row : rows) {
                jobs.add(
                    new WebhookJob(
                        row.getLong("delivery_id"),
                        row.getUUID("event_id").toString(),
                        row.getString("recipient_ref"),
                        row.getInteger("attempts"),
                        row.getString("url"),
                        row.getString("secret"),
                        row.getString("body")));
              }
              return jobs;
            });
  }
}
