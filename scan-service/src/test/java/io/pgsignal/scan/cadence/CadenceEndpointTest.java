package io.pgsignal.scan.cadence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.scan.scan.ScanFixture;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CadenceEndpointTest {

  static final String PATH = "/api/birth/onboarding/full-scan/cadence";

  TestDatabase db;
  ScanFixture fixture;
  @Inject InProcessSchedule schedule;
  @Inject io.quarkus.scheduler.Scheduler scheduler;

  @BeforeEach
  void resetPolicy() {
    fixture = new ScanFixture(db);
    fixture.reset();
  }

  @Test
  void policyAndCronJobAgreeWhileNoDirectusFlowExists() {
    JsonPath r = given().get(PATH).then().statusCode(200).extract().jsonPath();

    assertThat(r.getBoolean("in_sync")).isTrue();
    assertThat(r.getString("policy.canonical_unix")).isEqualTo("0 */6 * * *");
    assertThat(r.getBoolean("directus_flow.table_present")).isFalse();
    assertThat(r.getBoolean("cronjob.matches")).isTrue();
  }

  @Test
  void aDirectusFlowOnAnotherCronIsDriftInTheReportHealthAndMetrics() {
    fixture.execute(
        """
        CREATE TABLE public.directus_flows (id uuid PRIMARY KEY, name text, status text, trigger text,
            accountability text, options json, operation uuid UNIQUE);
        INSERT INTO public.directus_flows (id, name, status, trigger, options)
        VALUES ('b3f1c0c0-5ca1-4000-8000-000000000001', '[Birth] Onboarding Full Scan', 'active', 'schedule',
                '{"cron": "0 0 */4 * * *"}');
        """);
    try {
      JsonPath r = given().get(PATH).then().statusCode(200).extract().jsonPath();
      assertThat(r.getBoolean("in_sync")).isFalse();
      assertThat(r.getList("drift", String.class)).containsExactly("directus_flow");
      assertThat(r.getString("directus_flow.canonical_unix")).isEqualTo("0 */4 * * *");
      given().get("/q/health/well").then().statusCode(503);
      assertThat(given().get("/q/metrics").asString())
          .contains("birth_full_scan_cadence_drift 1.0");

      fixture.execute("UPDATE public.directus_flows SET options = '{\"cron\": \"0 0 */6 * * *\"}'");
      assertThat(given().get(PATH).then().extract().jsonPath().getBoolean("in_sync")).isTrue();
      given().get("/q/health/well").then().statusCode(200);
    } finally {
      fixture.execute("DROP TABLE public.directus_flows");
    }
  }

  @Test
  void conversionEndpointAnswersAllDialectsAndRefusesInvalidCronWith400() {
    JsonPath ok =
        given()
            .queryParam("cron", "0 30 2 ? * MON-FRI")
            .queryParam("from", "quartz")
            .get(PATH + "/convert")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ok.getString("unix")).isEqualTo("30 2 * * 1,2,3,4,5");
    assertThat(ok.getString("directus")).isEqualTo("0 30 2 * * 1,2,3,4,5");

    JsonPath bad =
        given()
            .queryParam("cron", "61 * * * *")
            .get(PATH + "/convert")
            .then()
            .statusCode(400)
            .extract()
            .jsonPath();
    assertThat(bad.getString("error")).isEqualTo("invalid_cron");
    assertThat(bad.getString("message")).contains("minute value 61");
  }

  @Test
  void theInProcessScheduleFollowsAChangedPolicyWithoutRestart() {
    try {
      assertThat(schedule.follow("0 */6 * * *")).isEqualTo("0 0 */6 * * ?");
      assertThat(scheduler.getScheduledJob("birth-full-scan")).isNotNull();

      assertThat(schedule.follow("30 2 * * 1-5")).isEqualTo("0 30 2 ? * MON,TUE,WED,THU,FRI");
      ZonedDateTime next =
          scheduler
              .getScheduledJob("birth-full-scan")
              .getNextFireTime()
              .atZone(java.time.ZoneId.systemDefault());
      assertThat(next.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(next.getHour()).isEqualTo(2);
      assertThat(next.getMinute()).isEqualTo(30);

      assertThat(schedule.follow("not a cron")).isEqualTo("0 30 2 ? * MON,TUE,WED,THU,FRI");
    } finally {
      schedule.stop();
    }
    assertThat(scheduler.getScheduledJob("birth-full-scan")).isNull();
  }
}
