package io.pgsignal.router;

import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data through the contracts only: the admin SQL functions, and events inserted into
 * signal.event as the capture worker does (the queue trigger fires, then NOTIFY signal_event). Each
 * test gets its own domain, so tests sharing the application never see each other's subscriptions.
 */
public final class RouterFixtures {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final TestDatabase db;

  public RouterFixtures(TestDatabase db) {
    this.db = db;
  }

  /**
   * Registers a fresh domain with types: {@code note} (comment), {@code draft} (review, resolved by
   * {@code applied}), {@code applied} (update), {@code alarm} (alert, critical; escalates to {@code
   * escalationTarget} after {@code escalationDelay} when given).
   */
  public String newDomain(String escalationTarget, String escalationDelay) {
    String domain = "t%d_%04d".formatted(COUNTER.incrementAndGet(), (int) (Math.random() * 10_000));
    exec("INSERT INTO signal.event_domain (event_domain, description) VALUES (?, 'test')", domain);
    exec(
        """
        INSERT INTO signal.event_type (event_domain, event_type, event_stream, default_severity,
                                       resolved_by, escalation_target, escalation_delay, description)
        VALUES (?, 'note', 'comment', 'info', '{}', NULL, NULL, 'test'),
               (?, 'draft', 'review', 'info', '{applied}', NULL, NULL, 'test'),
               (?, 'applied', 'update', 'info', '{}', NULL, NULL, 'test'),
               (?, 'alarm', 'alert', 'critical', '{}', ?, ?::interval, 'test')
        """,
        domain,
        domain,
        domain,
        domain,
        escalationTarget,
        escalationDelay);
    return domain;
  }

  public String newDomain() {
    return newDomain(null, null);
  }

  /** A unique actor ref with the given prefix, registered with {@code kind}. */
  public String actor(String prefix, String kind) {
    String ref = prefix + COUNTER.incrementAndGet();
    query("SELECT signal.upsert_actor(?, ?, NULL, NULL)", ref, kind);
    return ref;
  }

  public void member(String role, String actor) {
    query("SELECT signal.add_role_member(?, ?)", role, actor);
  }

  public UUID subscribe(
      String subscriber,
      String domain,
      String type,
      String stream,
      UUID subject,
      String minSeverity,
      String channel,
      boolean muted) {
    return UUID.fromString(
        query(
                "SELECT signal.subscribe(?, ?, ?, ?, ?, ?, ?, ?)",
                subscriber,
                domain,
                type,
                stream,
                subject,
                minSeverity,
                channel,
                muted)
            .get(0));
  }

  public UUID subscribe(String subscriber, String domain) {
    return subscribe(subscriber, domain, null, null, null, null, "inbox", false);
  }

  /** Inserts one event as the capture worker would and wakes the router. */
  public UUID event(String domain, String type, String severity, UUID subject, String actor) {
    return event(domain, type, severity, subject, actor, Duration.ZERO);
  }

  /** As {@link #event}, for a fact that occurred {@code ago} before it is written (a retry). */
  public UUID event(
      String domain, String type, String severity, UUID subject, String actor, Duration ago) {
    return event(domain, type, severity, subject, actor, ago, "safe_metadata");
  }

  /** As {@link #event}, with {@code classification} {@code safe_metadata} or {@code restricted}. */
  public UUID event(String domain, String type, String classification) {
    return event(domain, type, "info", null, null, Duration.ZERO, classification);
  }

  private UUID event(
      String domain,
      String type,
      String severity,
      UUID subject,
      String actor,
      Duration ago,
      String classification) {
    String stream =
        switch (type) {
          case "note" -> "comment";
          case "draft" -> "review";
          case "applied" -> "update";
          default -> "alert";
        };
    UUID id = UUID.randomUUID();
    exec(
        """
        INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
                                  event_subject_ref, actor_ref, source_system, payload_classification,
                                  safe_payload, occurred_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'worker', ?, '{"k":"v"}',
                now() - ? * interval '1 millisecond')
        """,
        id,
        domain,
        type,
        stream,
        severity,
        subject,
        actor,
        classification,
        ago.toMillis());
    exec("SELECT pg_notify('signal_event', '')");
    return id;
  }

  /** Waits until none of the events is still queued for routing. */
  public void awaitRouted(Collection<UUID> events) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Integer.parseInt(
                        query(
                                "SELECT count(*) FROM signal.routing_queue WHERE event_id = ANY (?)",
                                (Object) events.toArray(UUID[]::new))
                            .get(0))
                    == 0);
  }

  /** "recipient channel state" of every delivery of an event, sorted. */
  public List<String> deliveries(UUID event) {
    return query(
        """
        SELECT recipient_ref || ' ' || channel || ' ' || state FROM signal.delivery
        WHERE event_id = ? ORDER BY recipient_ref, channel
        """,
        event);
  }

  public String state(long deliveryId) {
    return query("SELECT state FROM signal.delivery WHERE delivery_id = ?", deliveryId).get(0);
  }

  public void exec(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement s = prepare(c, sql, params)) {
      s.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** First column of every row, as text. */
  /**
   * A pending webhook delivery already leased by {@code owner} (for a minute), not due for an hour:
   * what a replica holds while its attempt is in flight.
   */
  public long leasedWebhookDelivery(UUID event, String recipient, String owner) {
    return Long.parseLong(
        query(
                """
                INSERT INTO signal.delivery (event_id, recipient_ref, channel, state, next_attempt_at,
                                             locked_by, locked_until)
                VALUES (?, ?, 'webhook', 'pending', now() + interval '1 hour', ?,
                        now() + interval '1 minute')
                RETURNING delivery_id
                """,
                event,
                recipient,
                owner)
            .get(0));
  }

  public List<String> query(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof UUID[] ids) {
        s.setArray(i + 1, c.createArrayOf("uuid", ids));
      } else {
        s.setObject(i + 1, p);
      }
    }
    return s;
  }
}
