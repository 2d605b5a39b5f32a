package io.pgsignal.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every knob of the notification router; each can be set by its environment variable. */
@ConfigMapping(prefix = "signal.router")
public interface RouterConfig {

  /** Name of this replica in webhook leases ({@code locked_by}); default: host name + random. */
  Optional<String> instanceId();

  /**
   * Bearer token of the operations endpoints (env SIGNAL_ADMIN_TOKEN); unset = endpoints refuse.
   */
  Optional<String> adminToken();

  Routing routing();

  Escalation escalation();

  Webhook webhook();

  Metrics metrics();

  /** Layer 4 loop: signal.routing_queue to signal.delivery. */
  interface Routing {
    /** Queued events routed per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Poll fallback: a pass runs this often even without a signal_event NOTIFY. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Liveness is DOWN when no routing pass ended for this long (stuck); readiness is DOWN when
     * every pass has failed for this long.
     */
    @WithDefault("30s")
    Duration stallAfter();
  }

  /** Escalation of unacknowledged critical deliveries to the type's escalation target. */
  interface Escalation {
    /** Whether this replica runs the escalation scan. */
    @WithDefault("true")
    boolean enabled();

    /** How often the scan runs. */
    @WithDefault("15s")
    Duration interval();

    /** How far beyond a type's delay the scan looks back for events (bounds its cost). */
    @WithDefault("1d")
    Duration lookback();

    /** Escalations written per scan at most. */
    @WithDefault("500")
    int batchSize();
  }

  /** Signed webhook channel (Standard Webhooks). */
  interface Webhook {
    /** Whether this replica sends webhooks. */
    @WithDefault("true")
    boolean enabled();

    /** How often due deliveries are claimed when nothing woke the sender. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Deliveries claimed per pass. */
    @WithDefault("100")
    int batchSize();

    /** Attempts before a delivery becomes dead. */
    @WithDefault("8")
    int maxAttempts();

    /** TCP connect timeout of one attempt. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time allowed for the response of one attempt. */
    @WithDefault("10s")
    Duration readTimeout();

    /** Back-off before the second attempt; doubles per attempt, with jitter. */
    @WithDefault("1s")
    Duration backoffBase();

    /** Longest back-off between attempts. */
    @WithDefault("10m")
    Duration backoffMax();

    /** Lease of a claimed delivery; must exceed connect + read timeout. */
    @WithDefault("60s")
    Duration lease();

    /** Attempts in flight per endpoint across replicas; a slow endpoint holds no more. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** How often expired leases (a crashed sender) are returned to the pool. */
    @WithDefault("15s")
    Duration reaperInterval();

    /**
     * At shutdown, how long to wait for attempts in flight to record their outcome; keep it above
     * connect + read timeout and below both the lease and {@code quarkus.shutdown.timeout}.
     */
    @WithDefault("12s")
    Duration shutdownWait();
  }

  /** Metrics derived from the tables. */
  interface Metrics {
    /** How often the deliveries-by-state and routing-lag gauges are re-read from PostgreSQL. */
    @WithDefault("15s")
    Duration refreshInterval();
  }
}
