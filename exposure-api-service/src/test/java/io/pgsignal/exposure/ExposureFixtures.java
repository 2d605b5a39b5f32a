package io.pgsignal.exposure;

import io.pgsignal.schema.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes what the other layers would write (actors, events, deliveries, reads) straight into the
 * contract tables, and mints tokens. Every fixture uses fresh actor names so test classes sharing
 * the module's database never see each other's rows.
 */
public final class ExposureFixtures {

  public static final String DIRECTUS_SECRET = "test-directus-secret-for-exposure-tests";
  public static final String DIRECTUS_READ_ROLE = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final TestDatabase db;

  public ExposureFixtures(TestDatabase db) {
    this.db = db;
  }

  public static String unique(String prefix) {
    return prefix + System.nanoTime() % 1_000_000_000L + "x" + SEQ.incrementAndGet();
  }

  public String actor(String ref, String kind, UUID directusUser) {
    exec(
        "INSERT INTO signal.actor (actor_ref, kind, directus_user_id) VALUES (?, ?, ?)",
        ref,
        kind,
        directusUser);
    return ref;
  }

  public String agent(String prefix) {
    return actor(unique(prefix), "ai_agent", null);
  }

  public void reader(String actorRef) {
    exec(
        "INSERT INTO signal.actor (actor_ref, kind) VALUES ('role:signal_readers', 'role') ON CONFLICT DO NOTHING");
    exec(
        "INSERT INTO signal.role_member (role_ref, member_ref) VALUES ('role:signal_readers', ?)",
        actorRef);
  }

  public String token(String actorRef) {
    return queryString("SELECT signal.issue_token(?)", actorRef);
  }

  public UUID event(String domain, String type, String stream, String severity, String actorRef) {
    UUID id = UUID.randomUUID();
    exec(
        """
        INSERT INTO signal.event (event_id, event_domain, event_type, event_stream, event_severity,
            event_subject_ref, actor_ref, source_system, payload_classification, safe_payload, occurred_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'worker', 'safe_metadata', '{"unit_id": "%s"}'::jsonb, now())
        """
            .formatted(UUID.randomUUID()),
        id,
        domain,
        type,
        stream,
        severity,
        UUID.randomUUID(),
        actorRef);
    return id;
  }

  public UUID iuComment(String actorRef) {
    return event("iu", "comment_added", "comment", "info", actorRef);
  }

  public UUID alert(String actorRef) {
    return event("system", "health_alert", "health", "critical", actorRef);
  }

  public long deliver(UUID eventId, String recipient, String state) {
    return queryLong(
        "INSERT INTO signal.delivery (event_id, recipient_ref, channel, state) VALUES (?, ?, 'inbox', ?) RETURNING delivery_id",
        eventId,
        recipient,
        state);
  }

  public long deliverAndNotify(UUID eventId, String recipient) {
    long id = deliver(eventId, recipient, "delivered");
    exec("SELECT pg_notify('signal_delivery', ?)", Long.toString(id));
    return id;
  }

  public String deliveryState(UUID eventId, String recipient) {
    return queryString(
        "SELECT state FROM signal.delivery WHERE event_id = ? AND recipient_ref = ?",
        eventId,
        recipient);
  }

  public long count(String sql, Object... args) {
    return queryLong(sql, args);
  }

  /** A fingerprint of every row the API could ever change. */
  public String fingerprint() {
    return queryString(
        """
        SELECT md5(concat_ws('|',
          (SELECT string_agg(d::text, ',' ORDER BY delivery_id) FROM signal.delivery d),
          (SELECT string_agg(r::text, ',' ORDER BY event_id, actor_ref) FROM signal.event_read r),
          (SELECT string_agg(e::text, ',' ORDER BY event_id) FROM signal.event e),
          (SELECT string_agg(a::text, ',' ORDER BY actor_ref) FROM signal.actor a),
          (SELECT string_agg(t::text, ',' ORDER BY token_hash) FROM signal.agent_token t)))
        """);
  }

  public static String jwt(
      String secret, UUID user, String role, long expEpochSeconds, String iss) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload =
        b64(
            "{\"id\":\"%s\",\"role\":%s,\"app_access\":true,\"admin_access\":false,\"iat\":%d,\"exp\":%d,\"iss\":\"%s\"}"
                .formatted(
                    user,
                    role == null ? "null" : "\"" + role + "\"",
                    Instant.now().getEpochSecond() - 10,
                    expEpochSeconds,
                    iss));
    return header + "." + payload + "." + sign(secret, header + "." + payload);
  }

  public static String directusToken(UUID user) {
    return jwt(DIRECTUS_SECRET, user, null, Instant.now().getEpochSecond() + 900, "directus");
  }

  /** A valid Directus token of a user in the configured read role. */
  public static String directusReaderToken(UUID user) {
    return jwt(
        DIRECTUS_SECRET,
        user,
        DIRECTUS_READ_ROLE,
        Instant.now().getEpochSecond() + 900,
        "directus");
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(String secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void exec(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement ps = prepare(c, sql, args)) {
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String queryString(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long queryLong(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }
}
