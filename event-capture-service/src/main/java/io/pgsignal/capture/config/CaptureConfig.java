package io.pgsignal.capture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the capture worker (layers 2-3). Every knob has a default; each can be overridden by
 * its environment variable ({@code signal.capture.batch-size} → {@code SIGNAL_CAPTURE_BATCH_SIZE}).
 */
@ConfigMapping(prefix = "signal.capture")
public interface CaptureConfig {

  /** Run the worker loop in this instance (false: only the operations endpoints). */
  @WithDefault("true")
  boolean enabled();

  /** Poll fallback: a pass runs at least this often, so a lost NOTIFY only delays a fact. */
  @WithDefault("500ms")
  Duration pollInterval();

  /**
   * After a pass that did work the next pass starts at once; once a pass finds nothing, poll this
   * often while inside {@link #hotWindow()}: writers notify at most once per second per session
   * (the generated triggers, signal.outbox_hint), so facts between hints are caught here, after
   * half this interval on average: the largest part of the fact → event latency of a steady stream.
   * Each empty poll is two index probes (ungrouped facts, closed groups).
   */
  @WithDefault("2ms")
  Duration hotPollInterval();

  /**
   * Each further empty (or failed) pass in a row doubles the hot poll's wait, up to this; a pass
   * that finds work starts again at {@link #hotPollInterval()}. A stream with a fact every few ms
   * keeps the short wait; after a quiet gap a fact without a hint waits up to this long, and a lone
   * fact costs a few dozen passes a second during the hot window instead of hundreds (README has
   * the measured trade). Set it equal to {@link #hotPollInterval()} to poll at a fixed rate.
   */
  @WithDefault("16ms")
  Duration hotPollMaxInterval();

  /** How long fast polling lasts after the last pass that did work; keep it above 1 second. */
  @WithDefault("3s")
  Duration hotWindow();

  /**
   * Facts claimed by the first batch of a pass; the loop keeps draining while batches come back
   * full, doubling the batch each time up to {@link #maxBatchSize()}.
   */
  @WithDefault("500")
  int batchSize();

  /**
   * Largest batch while a backlog drains (fewer statements and commits per fact: measured ~1.4× the
   * facts/s of 500-fact batches). Also bounds how long one statement holds its row locks.
   */
  @WithDefault("2000")
  int maxBatchSize();

  /**
   * Passes that may run at once in this instance. With 2, one lane claims and writes the next facts
   * while the other waits for its commit to be flushed; lanes skip each other's locked facts like
   * replicas do. 1 = strictly one pass at a time.
   */
  @WithDefault("2")
  int lanes();

  /** Full batches in a row before the loop yields to group processing and the timers. */
  @WithDefault("40")
  int maxBatchesPerPass();

  /** Closed groups folded per pass (one short transaction each). */
  @WithDefault("100")
  int groupsPerPass();

  /** Member subject refs kept in a grouped event's safe_payload.member_refs. */
  @WithDefault("100")
  int memberRefsCap();

  /** Failed processing attempts after which a fact is dead-lettered with its last error. */
  @WithDefault("5")
  int maxAttempts();

  /** Back-off after the first failure; doubled after each further failure. */
  @WithDefault("1s")
  Duration backoffBase();

  /** Upper bound of the back-off between two attempts. */
  @WithDefault("5m")
  Duration backoffMax();

  /** Liveness is DOWN when no pass completed for this many poll intervals. */
  @WithDefault("20")
  int livenessIntervals();

  /** How often the backlog, oldest-pending-age and dead-letter gauges are refreshed. */
  @WithDefault("5s")
  Duration metricsRefreshInterval();

  /**
   * {@code synchronous_commit} of the transactions that write events (and delete their facts).
   * {@code off}: the event is visible at commit, before its WAL flush, which saves one flush of
   * latency; a database crash in the following ~0.6 s (3 × wal_writer_delay) loses event and
   * deletion together, so the fact is processed again into a new event: never lost, never doubled
   * in the durable state, but a reader may have seen the lost event's id. {@code on}: visible only
   * once durable. One of PostgreSQL's values ({@code on}, {@code off}, {@code local}, {@code
   * remote_write}, {@code remote_apply}); anything else stops start-up with a configuration error.
   */
  @WithDefault("off")
  SynchronousCommit synchronousCommit();

  /** How long graceful shutdown waits for the running pass to finish its batch. */
  @WithDefault("10s")
  Duration shutdownGrace();

  /** Bearer token of the operations endpoints (env SIGNAL_ADMIN_TOKEN); unset = they answer 401. */
  Optional<String> adminToken();

  /**
   * PostgreSQL's {@code synchronous_commit} values: an enum so that a mistyped value fails at
   * start-up instead of failing every batch.
   */
  enum SynchronousCommit {
    ON,
    OFF,
    LOCAL,
    REMOTE_WRITE,
    REMOTE_APPLY;

    /** The value as PostgreSQL spells it. */
    public String sql() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
