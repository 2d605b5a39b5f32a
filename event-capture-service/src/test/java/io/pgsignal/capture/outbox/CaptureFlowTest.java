package io.pgsignal.capture.outbox;

import static io.pgsignal.capture.support.Sql.count;
import static io.pgsignal.capture.support.Sql.exec;
import static io.pgsignal.capture.support.Sql.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaptureFlowTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);

  TestDatabase db;

  @Test
  void anIuCommentBecomesOneEventWithItsEnvelopeAndTheAuthorsSelfRead() {
    UUID unit = newUnit("iu/flow/1");
    UUID comment = UUID.randomUUID();
    exec(
        db,
        "INSERT INTO public.unit_edit_comment (id, unit_id, canonical_address, author_ref, body, source_document_ref)"
            + " VALUES (?, ?, 'iu/flow/1', 'user:huyen', 'the secret comment body', 'doc:7')",
        comment,
        unit);

    await().atMost(WITHIN).until(() -> eventOf(comment) > 0);

    var event =
        one(
            db,
            "SELECT e.event_domain, e.event_type, e.event_stream, e.event_severity, e.event_subject_type,"
                + " e.event_subject_table, e.canonical_address, e.actor_ref, e.source_system,"
                + " e.source_document_ref, e.payload_classification, e.safe_payload::text AS payload"
                + " FROM signal.event e WHERE e.event_subject_ref = ?",
            comment);
    assertThat(event)
        .containsEntry("event_domain", "iu")
        .containsEntry("event_type", "comment_added")
        .containsEntry("event_stream", "comment")
        .containsEntry("event_severity", "info")
        .containsEntry("event_subject_type", "unit_edit_comment")
        .containsEntry("event_subject_table", "public.unit_edit_comment")
        .containsEntry("canonical_address", "iu/flow/1")
        .containsEntry("actor_ref", "user:huyen")
        .containsEntry("source_system", "trigger")
        .containsEntry("source_document_ref", "doc:7")
        .containsEntry("payload_classification", "safe_metadata")
        .containsEntry("payload", "{\"unit_id\": \"" + unit + "\"}");
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.outbox WHERE event_subject_ref = ? AND safe_payload::text LIKE '%secret%'",
                comment))
        .isZero();
    assertThat(
            one(
                db,
                "SELECT r.actor_ref, r.read_kind FROM signal.event_read r JOIN signal.event e USING (event_id)"
                    + " WHERE e.event_subject_ref = ?",
                comment))
        .containsEntry("actor_ref", "user:huyen")
        .containsEntry("read_kind", "implicit_self");
    assertThat(eventOf(comment)).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM signal.outbox WHERE event_subject_ref = ?", comment))
        .as("the fact leaves the outbox with the transaction that writes its event")
        .isZero();
  }

  @Test
  void anUnregisteredFactIsDeadLetteredAsNotRegisteredWhileTheOthersFlow() {
    long bad = emit("iu", "activity_logged", "{}");
    long good = emit("iu", "comment_added", "{\"n\": 1}");

    await().atMost(WITHIN).until(() -> gone(good));
    await().atMost(WITHIN).until(() -> state(bad).equals("dead"));
    assertThat(one(db, "SELECT last_error FROM signal.outbox WHERE fact_id = ?", bad))
        .containsEntry("last_error", "not_registered");
    assertThat(count(db, "SELECT count(*) FROM signal.dead_letter WHERE fact_id = ?", bad)).isOne();
    assertThat(count(db, "SELECT count(*) FROM signal.event WHERE event_type = 'activity_logged'"))
        .isZero();
  }

  @Test
  void aForbiddenPayloadKeyIsDeadLetteredWithThePathOfTheKey() {
    long bad = emit("iu", "comment_added", "{\"meta\": {\"api_token\": \"x\"}}");

    await().atMost(WITHIN).until(() -> state(bad).equals("dead"));
    assertThat(one(db, "SELECT last_error FROM signal.outbox WHERE fact_id = ?", bad))
        .containsEntry("last_error", "forbidden_key:/meta/api_token");
  }

  @Test
  void onboardingRefusesAPayloadColumnNamedLikeContent() {
    assertThatThrownBy(
            () ->
                exec(
                    db,
                    "SELECT signal.onboard_table(p_table => 'public.unit_edit_draft', p_domain => 'iu',"
                        + " p_event_type => 'draft_created', p_payload_columns => ARRAY['body'])"))
        .hasMessageContaining("may not be a payload column");
  }

  @Test
  void anExplicitReadIsIdempotentAndKeepsTheImplicitSelfRead() {
    UUID subject = UUID.randomUUID();
    exec(
        db,
        "SELECT signal.emit(p_domain => 'iu', p_event_type => 'comment_added', p_actor_ref => 'user:test',"
            + " p_subject_ref => ?)",
        subject);
    await().atMost(WITHIN).until(() -> eventOf(subject) == 1);
    UUID event =
        (UUID)
            one(db, "SELECT event_id FROM signal.event WHERE event_subject_ref = ?", subject)
                .get("event_id");

    assertThat(one(db, "SELECT signal.mark_event_read(ARRAY[?]::uuid[], 'gpt') AS n", event))
        .containsEntry("n", 1);
    assertThat(one(db, "SELECT signal.mark_event_read(ARRAY[?]::uuid[], 'gpt') AS n", event))
        .containsEntry("n", 0);
    assertThat(one(db, "SELECT signal.mark_event_read(ARRAY[?]::uuid[], 'user:test') AS n", event))
        .containsEntry("n", 0);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM signal.event_read WHERE event_id = ? AND"
                    + " ((actor_ref = 'gpt' AND read_kind = 'read') OR (actor_ref = 'user:test' AND read_kind = 'implicit_self'))",
                event))
        .isEqualTo(2);
  }

  private UUID newUnit(String address) {
    return (UUID)
        one(
                db,
                "INSERT INTO public.information_unit (canonical_address, title, body, created_by)"
                    + " VALUES (?, 't', 'unit body', 'user:huyen') RETURNING id",
                address)
            .get("id");
  }

  private long emit(String domain, String type, String payload) {
    return ((Number)
            one(
                    db,
                    "SELECT signal.emit(p_domain => ?, p_event_type => ?, p_actor_ref => 'user:test',"
                        + " p_safe_payload => ?::jsonb) AS id",
                    domain,
                    type,
                    payload)
                .get("id"))
        .longValue();
  }

  private String state(long factId) {
    return (String)
        one(db, "SELECT state FROM signal.outbox WHERE fact_id = ?", factId).get("state");
  }

  private boolean gone(long factId) {
    return count(db, "SELECT count(*) FROM signal.outbox WHERE fact_id = ?", factId) == 0;
  }

  private long eventOf(UUID subject) {
    return count(db, "SELECT count(*) FROM signal.event WHERE event_subject_ref = ?", subject);
  }
}
