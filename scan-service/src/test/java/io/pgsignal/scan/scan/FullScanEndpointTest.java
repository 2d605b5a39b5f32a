package io.pgsignal.scan.scan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FullScanEndpointTest {

  static final String PATH = "/api/birth/onboarding/full-scan";
  static final String AUTH = "Bearer test-scan-token";

  TestDatabase db;
  ScanFixture fixture;

  @BeforeEach
  void plantGaps() {
    fixture = new ScanFixture(db);
    fixture.reset();
    fixture.plant();
  }

  static Response trigger(String query) {
    return given().header("Authorization", AUTH).when().post(PATH + query);
  }

  @Test
  void completeRunLogsExactlyThePlantedGapsWritesOneFullSummaryAndEmitsOneEvent() {
    JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

    String runId = body.getString("run_id");
    assertThat(body.getString("status")).isEqualTo("complete");
    assertThat(body.getInt("scanned")).isEqualTo(6);
    assertThat(body.getInt("gaps_new")).isEqualTo(5);
    assertThat(body.getInt("gaps_already_open")).isZero();
    assertThat(body.getInt("gaps_by_type.table_missing")).isEqualTo(1);
    assertThat(body.getInt("gaps_by_type.births_unrecorded")).isEqualTo(1);
    assertThat(body.getString("observability_status")).isEqualTo("FULL");
    assertThat(
            new HashSet<>(
                fixture.strings(
                    "SELECT entity_ref FROM public.system_issues WHERE issue_type = 'BIRTH_ONBOARDING_GAP' AND status = 'open'")))
        .isEqualTo(ScanFixture.PLANTED_GAPS);
    assertThat(
            fixture.strings(
                "SELECT details->>'run_id' || '/' || severity FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'"))
        .containsExactly(runId + "/warning");
    assertThat(
            fixture.strings(
                "SELECT event_subject_ref || '/' || event_severity || '/' || (safe_payload->>'gaps_new') FROM signal.outbox "
                    + "WHERE event_domain = 'birth_registry' AND event_type = 'onboarding_full_scan_completed'"))
        .containsExactly(runId + "/warning/5");
  }

  @Test
  void repeatedRunsKeepOneOpenIssuePerCollectionAndGap() {
    trigger("").then().statusCode(200);
    JsonPath second = trigger("").then().statusCode(200).extract().jsonPath();

    assertThat(second.getInt("gaps_new")).isZero();
    assertThat(second.getInt("gaps_already_open")).isEqualTo(5);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM public.system_issues WHERE issue_type = 'BIRTH_ONBOARDING_GAP'"))
        .isEqualTo(5);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'"))
        .isEqualTo(2);
  }

  @Test
  void aMissingPolicyKeyGivesDependencyFailNamingItAndACriticalSummary() {
    fixture.execute(
        "DELETE FROM public.dot_config WHERE key = 'policy.birth_full_scan.cadence_cron'");

    JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

    assertThat(body.getString("status")).isEqualTo("dependency_fail");
    assertThat(body.getList("missing", String.class))
        .containsExactly("policy:policy.birth_full_scan.cadence_cron");
    assertThat(
            fixture.count(
                "SELECT count(*) FROM public.system_issues WHERE issue_type = 'BIRTH_ONBOARDING_GAP'"))
        .isZero();
    assertThat(
            fixture.strings(
                "SELECT severity FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'"))
        .containsExactly("critical");
  }

  @Test
  void theKillSwitchStopsTheScanAndNothingIsWritten() {
    fixture.execute(
        "UPDATE public.dot_config SET value = 'false' WHERE key = 'policy.birth_full_scan.enabled'");

    JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

    assertThat(body.getString("status")).isEqualTo("disabled");
    assertThat(body.getString("run_id")).isNull();
    assertThat(fixture.count("SELECT count(*) FROM public.system_issues")).isZero();
    assertThat(fixture.count("SELECT count(*) FROM signal.outbox")).isZero();
  }

  @Test
  void theKillSwitchIgnoresCaseAndSurroundingWhitespace() {
    fixture.execute(
        "UPDATE public.dot_config SET value = E' TRUE\\n' WHERE key = 'policy.birth_full_scan.enabled'");

    assertThat(trigger("").then().statusCode(200).extract().path("status").toString())
        .isEqualTo("complete");
  }

  @Test
  void aSummaryTheTableRejectsIsNotWrittenTheEventSaysBlockedAndTheLockIsReleased() {
    fixture.execute(
        "ALTER TABLE public.system_issues ADD CONSTRAINT ck_test_no_summary"
            + " CHECK (issue_type <> 'BIRTH_FULL_SCAN_RUN_SUMMARY')");
    try {
      JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

      assertThat(body.getString("observability_status"))
          .isEqualTo("BLOCKED_FOR_OBSERVABILITY_DECISION");
      assertThat(
              fixture.count(
                  "SELECT count(*) FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'"))
          .isZero();
      assertThat(
              fixture.strings(
                  "SELECT event_subject_ref || '/' || (safe_payload->>'observability_status') FROM signal.outbox"))
          .containsExactly(body.getString("run_id") + "/BLOCKED_FOR_OBSERVABILITY_DECISION");
      assertThat(body.getLong("event_fact_id")).isPositive();
    } finally {
      fixture.execute("ALTER TABLE public.system_issues DROP CONSTRAINT ck_test_no_summary");
    }
    trigger("").then().statusCode(200); // not 409: the failed summary did not keep the lock
  }

  @Test
  void aSecondTriggerWhileOneScansGets409WithTheRunningRunId() throws Exception {
    try (Connection blocker = db.connect()) {
      blocker.setAutoCommit(false);
      // holds the scan inside the function, after it took the single-flight lock
      blocker
          .createStatement()
          .execute("LOCK TABLE public.collection_registry IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> trigger(""));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  fixture.count(
                          "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'birth-full-scan:%' AND wait_event_type = 'Lock'")
                      == 1);

      JsonPath second = trigger("").then().statusCode(409).extract().jsonPath();
      blocker.rollback();
      JsonPath done = first.get().then().statusCode(200).extract().jsonPath();

      assertThat(second.getString("error")).isEqualTo("scan_running");
      assertThat(second.getString("run_id")).isEqualTo(done.getString("run_id")).isNotNull();
    }
    assertThat(
            fixture.count(
                "SELECT count(*) FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'"))
        .isEqualTo(1);
  }

  @Test
  void aTriggerWhoseClientHangsUpMidScanLeavesNoLockBehind() throws Exception {
    try (Connection blocker = db.connect()) {
      blocker.setAutoCommit(false);
      blocker
          .createStatement()
          .execute("LOCK TABLE public.collection_registry IN ACCESS EXCLUSIVE MODE");
      // a Directus flow or CronJob curl that gives up after ~300 ms, mid-scan
      try (Socket client = new Socket("localhost", RestAssured.port)) {
        client
            .getOutputStream()
            .write(
                ("POST "
                        + PATH
                        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + AUTH
                        + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(30)).until(() -> scansWaitingOnALock() == 1);
        client.setSoTimeout(300);
        assertThatThrownBy(() -> client.getInputStream().read())
            .isInstanceOf(SocketTimeoutException.class);
      }
      blocker.rollback();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                fixture.count(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
                    == 0);

    assertThat(trigger("").then().statusCode(200).extract().path("status").toString())
        .isEqualTo("complete");
  }

  private long scansWaitingOnALock() {
    return fixture.count(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'birth-full-scan:%' AND wait_event_type = 'Lock'");
  }

  @Test
  void underItsOwnRoleTheScanReadsCollectionTablesItHasNoGrantOn() throws Exception {
    // scan_t_unrec is readable by its owner only; births_unrecorded needs to look inside it
    JsonPath result;
    try (Connection asScan = db.connect();
        Statement s = asScan.createStatement()) {
      s.execute("SET ROLE signal_scan");
      try (ResultSet rs = s.executeQuery("SELECT public.fn_birth_onboarding_full_scan(NULL)")) {
        rs.next();
        result = JsonPath.from(rs.getString(1));
      }
    }

    assertThat(result.getString("status")).isEqualTo("complete");
    assertThat(result.getInt("gaps_by_type.births_unrecorded")).isEqualTo(1);
    assertThat(fixture.count("SELECT count(*) FROM public.system_issues")).isEqualTo(5);
  }

  @Test
  void aDryRunReportsWhatItWouldLogAndWritesNothing() {
    JsonPath body = trigger("?dry_run=true").then().statusCode(200).extract().jsonPath();

    assertThat(body.getBoolean("dry_run")).isTrue();
    assertThat(body.getInt("gaps_new")).isEqualTo(5);
    assertThat(body.getList("would_log.gap_issues")).hasSize(5);
    assertThat(body.getString("would_log.run_summary.issue_type"))
        .isEqualTo("BIRTH_FULL_SCAN_RUN_SUMMARY");
    assertThat(body.getString("would_log.governance_event.event_type"))
        .isEqualTo("onboarding_full_scan_completed");
    assertThat(fixture.count("SELECT count(*) FROM public.system_issues")).isZero();
    assertThat(fixture.count("SELECT count(*) FROM signal.outbox")).isZero();
  }

  @Test
  void textOnlySystemIssuesGivesPartialWithTheSummaryInTheDescription() {
    fixture.execute(
        "ALTER TABLE public.system_issues ALTER COLUMN details TYPE text USING details::text");
    try {
      JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

      assertThat(body.getString("observability_status")).isEqualTo("PARTIAL");
      List<String> descriptions =
          fixture.strings(
              "SELECT description FROM public.system_issues WHERE issue_type = 'BIRTH_FULL_SCAN_RUN_SUMMARY'");
      assertThat(descriptions).hasSize(1);
      String description = descriptions.get(0);
      assertThat(
              JsonPath.from(description.substring(description.indexOf('\n') + 1))
                  .getString("run_id"))
          .isEqualTo(body.getString("run_id"));
      JsonPath runs = given().get(PATH + "/runs").then().statusCode(200).extract().jsonPath();
      assertThat(runs.getString("runs[0].run_id")).isEqualTo(body.getString("run_id"));
      assertThat(runs.getString("runs[0].status")).isEqualTo("complete");
    } finally {
      fixture.execute(
          "ALTER TABLE public.system_issues ALTER COLUMN details TYPE jsonb USING details::jsonb");
    }
  }

  @Test
  void anUnmappableMandatoryColumnBlocksTheSummaryAndWritesNothing() {
    fixture.reset(); // no gaps: the platform's own helper could not write either
    fixture.execute(
        "ALTER TABLE public.system_issues ADD COLUMN owner_ref text NOT NULL DEFAULT 'x';"
            + "ALTER TABLE public.system_issues ALTER COLUMN owner_ref DROP DEFAULT");
    try {
      JsonPath body = trigger("").then().statusCode(200).extract().jsonPath();

      assertThat(body.getString("observability_status"))
          .isEqualTo("BLOCKED_FOR_OBSERVABILITY_DECISION");
      assertThat(body.getString("observability_reason")).contains("owner_ref");
      assertThat(fixture.count("SELECT count(*) FROM public.system_issues")).isZero();
      assertThat(fixture.strings("SELECT safe_payload->>'observability_status' FROM signal.outbox"))
          .containsExactly("BLOCKED_FOR_OBSERVABILITY_DECISION");
    } finally {
      fixture.execute("ALTER TABLE public.system_issues DROP COLUMN owner_ref");
    }
  }

  @Test
  void runsListsRecentRunsNewestFirst() {
    String first = trigger("").then().statusCode(200).extract().path("run_id");
    String second = trigger("").then().statusCode(200).extract().path("run_id");

    JsonPath runs = given().get(PATH + "/runs?limit=5").then().statusCode(200).extract().jsonPath();

    assertThat(runs.getList("runs.run_id", String.class)).containsExactly(second, first);
    assertThat(runs.getBoolean("runs[0].structured")).isTrue();
    assertThat(runs.getInt("runs[0].summary.scanned")).isEqualTo(6);
  }

  @Test
  void aTriggerWithoutTheTokenOrWithBadInputIsRefusedWithA4xxBody() {
    given().post(PATH).then().statusCode(401).extract().path("error").equals("unauthorized");
    assertThat(
            (String)
                given()
                    .header("Authorization", "Bearer wrong")
                    .post(PATH)
                    .then()
                    .statusCode(401)
                    .extract()
                    .path("error"))
        .isEqualTo("unauthorized");
    assertThat((String) trigger("?dry_run=maybe").then().statusCode(400).extract().path("error"))
        .isEqualTo("bad_request");
    assertThat(
            (String)
                given().get(PATH + "/runs?limit=x").then().statusCode(400).extract().path("error"))
        .isEqualTo("bad_request");
    assertThat(fixture.count("SELECT count(*) FROM public.system_issues")).isZero();
  }

  @Test
  void theProbeAnswersTheSeedQuestionsLive() {
    JsonPath probe = given().get(PATH + "/probe").then().statusCode(200).extract().jsonPath();

    assertThat(probe.getString("q6_system_issues.observability_status")).isEqualTo("FULL");
    assertThat(probe.getList("q7_dot_tools_columns", String.class))
        .contains("tool_name", "cron_schedule", "_dot_origin");
    assertThat(probe.getString("policy_keys.'policy.birth_full_scan.cadence_cron'"))
        .isEqualTo("0 */6 * * *");
    assertThat(probe.getBoolean("directus_tables_present")).isFalse();
  }
}
