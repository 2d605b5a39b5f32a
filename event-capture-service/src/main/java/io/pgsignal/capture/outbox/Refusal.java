package io.pgsignal.capture.outbox;

/**
 * Why a fact can never become an event, as a SQL expression over a claimed fact {@code c} and its
 * catalog row {@code t}: NULL when the fact is acceptable. These facts are dead-lettered at once
 * (retrying cannot help); the reason goes to {@code last_error}. Mirrors the CHECKs of
 * signal.event, so a batch insert does not fail on them. {@code signal.forbidden_payload_key} walks
 * the payload's keys only when its text contains a forbidden word at all (V103), so a clean payload
 * costs one regular-expression match here and one in the event CHECK.
 */
public final class Refusal {

  private Refusal() {}

  public static final String SQL =
      """
      CASE
          WHEN t.event_type IS NULL THEN 'not_registered'
          WHEN jsonb_typeof(c.safe_payload) <> 'object' THEN 'payload_not_object'
          WHEN signal.forbidden_payload_key(c.safe_payload) IS NOT NULL
              THEN 'forbidden_key:' || signal.forbidden_payload_key(c.safe_payload)
          WHEN octet_length(c.safe_payload::text) > 16384 THEN 'payload_too_large'
          WHEN coalesce(c.event_severity, t.default_severity) NOT IN ('info', 'warning', 'critical')
              THEN 'invalid_severity'
          WHEN c.source_system NOT IN ('trigger', 'worker', 'function', 'dot') THEN 'invalid_source_system'
          WHEN c.payload_classification NOT IN ('safe_metadata', 'restricted') THEN 'invalid_classification'
      END""";
}
