package io.pgsignal.exposure.pivot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Injection attempts and out-of-range input get 400 before any SQL. What this proves: {@link
 * PivotReads} is the pivot package's only database access and counts every statement it sends in
 * {@code signal.pivot.queries}; the counter does not move for a refused request, and it does move
 * for an accepted one (so the check can fail). It does not inspect the server's statement log, and
 * the identity filter's own token lookup (package identity) does run before validation.
 */
@QuarkusTest
class PivotInputRefusalTest {

  private static final String BASE = "/api/registries-pivot";

  TestDatabase database;

  @Inject MeterRegistry metrics;

  @BeforeEach
  void seed() {
    PivotFixture.seed(database);
  }

  @Test
  void injectionAttemptsOnCodeAre400AndRunNoSql() throws SQLException {
    String[][] attempts = {
      {"/node/CAT-T'%20OR%20'1'='1", "invalid_code"},
      {"/node/CAT-T%3BDROP%20TABLE%20public.meta_catalog", "invalid_code"},
      {"/node/CAT-T--", "invalid_code"},
      {"/node/cat-t", "invalid_code"},
      {"/node/CAT-T%00", "invalid_code"},
      {"/node/PIV-T-OK", "invalid_code"},
      {"/node/CAT-" + "A".repeat(61), "invalid_code"},
      {"/count/PIV-T-OK'%20UNION%20SELECT%201--", "invalid_pivot_code"},
      {"/count/CAT-T", "invalid_pivot_code"},
      {"/lists?cursor=CAT-T')--", "invalid_cursor"},
      {"/lists?entity_type=test_species'%20OR%201=1", "invalid_entity_type"},
      {"/tree?parent=%27", "invalid_parent"},
      {"/lists?limit=501", "invalid_limit"},
      {"/lists?limit=0", "invalid_limit"},
      {"/lists?limit=1e2", "invalid_limit"},
      {"/integrity?detail=everything", "invalid_detail"},
      {"/integrity?detail=drift&cursor=x", "invalid_cursor"},
      {"/lists?foo=1", "unknown_parameter"},
      {"/lists?actor=gpt", "unknown_parameter"},
      {"/lists?limit=5&limit=6", "repeated_parameter"},
      {"/lists?entity_type=", "empty_parameter"},
      {"/tree?cursor=", "empty_parameter"},
      {"/tree?parent=CAT-T&parent=CAT-T", "repeated_parameter"},
      {"/node/CAT-T?limit=1", "unknown_parameter"},
      {"/count/PIV-T-OK?code=x", "unknown_parameter"},
      {"/health?x=1", "unknown_parameter"},
      {"/integrity?detail=", "empty_parameter"},
      {"/integrity?cursor=CAT-T", "invalid_detail"},
      {"/integrity?limit=5", "invalid_detail"},
    };
    double before = queriesSent();

    for (String[] attempt : attempts) {
      reader()
          .urlEncodingEnabled(false)
          .get(BASE + attempt[0])
          .then()
          .statusCode(400)
          .body("error", equalTo(attempt[1]));
    }

    assertThat(queriesSent()).as("statements sent by PivotReads").isEqualTo(before);
    assertThat(catalogRows()).isEqualTo(8);
  }

  @Test
  void anAcceptedRequestIsCountedSoTheNoSqlCheckCanFail() {
    double before = queriesSent();

    reader().get(BASE + "/node/CAT-T").then().statusCode(200);
    reader().get(BASE + "/node/CAT-NOT-THERE").then().statusCode(404);

    assertThat(queriesSent()).isEqualTo(before + 2);
  }

  @Test
  void theLongestAllowedCodeIsAcceptedAndOneLongerIsRefused() {
    reader().get(BASE + "/node/CAT-" + "A".repeat(60)).then().statusCode(404);
    reader().get(BASE + "/node/CAT-" + "A".repeat(61)).then().statusCode(400);
  }

  @Test
  void withoutATokenOrOutsideTheReadRoleNothingIsReadAndNoPivotSqlRuns() {
    String outsider =
        new ExposureFixtures(database)
            .token(new ExposureFixtures(database).agent("agent:pivot-outsider-"));
    double before = queriesSent();

    given().get(BASE + "/node/CAT-T").then().statusCode(401).body("error", notNullValue());
    given()
        .header("Authorization", "Bearer " + outsider)
        .get(BASE + "/count/PIV-T-OK")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));

    assertThat(queriesSent()).isEqualTo(before);
  }

  private double queriesSent() {
    return metrics.find(PivotReads.QUERIES_METRIC).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long catalogRows() throws SQLException {
    try (Connection c = database.connect();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT count(*) FROM public.meta_catalog")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private io.restassured.specification.RequestSpecification reader() {
    return PivotReader.as(database);
  }
}
