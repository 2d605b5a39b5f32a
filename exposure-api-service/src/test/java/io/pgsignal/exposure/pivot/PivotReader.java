package io.pgsignal.exposure.pivot;

import static io.restassured.RestAssured.given;

import io.pgsignal.exposure.ExposureFixtures;
import io.pgsignal.schema.test.TestDatabase;
import io.restassured.specification.RequestSpecification;

/** A caller in the configured read role (an agent token), as the pivot endpoints require. */
final class PivotReader {

  private static String token;

  private PivotReader() {}

  static synchronized RequestSpecification as(TestDatabase db) {
    if (token == null) {
      ExposureFixtures fixtures = new ExposureFixtures(db);
      String actor = fixtures.agent("agent:pivot-reader-");
      fixtures.reader(actor);
      token = fixtures.token(actor);
    }
    return given().header("Authorization", "Bearer " + token);
  }
}
