package io.pgsignal.scan.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.scan.scan.ScanFixture;
import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal is {@code application/json {"error","message"}}, whatever the client accepts. */
@QuarkusTest
class ErrorBodyTest {

  static final String REGISTRATION = "/api/birth/onboarding/full-scan/registration/";

  TestDatabase db;
  ScanFixture fixture;

  @BeforeEach
  void resetPolicy() {
    fixture = new ScanFixture(db);
    fixture.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/plain"})
  void anUnknownArtifactIsA404JsonBody(String accept) {
    assertJsonError(given().accept(accept).get(REGISTRATION + "nope.txt"), 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/plain"})
  void aMissingPolicyIsA409JsonBody(String accept) {
    fixture.execute(
        "DELETE FROM public.dot_config WHERE key = 'policy.birth_full_scan.cadence_cron'");
    assertJsonError(
        given().accept(accept).get(REGISTRATION + "cronjob.yaml"), 409, "policy_missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "text/plain"})
  void anInvalidPolicyCronIsA400JsonBody(String accept) {
    fixture.execute(
        "UPDATE public.dot_config SET value = 'not a cron' WHERE key = 'policy.birth_full_scan.cadence_cron'");
    assertJsonError(given().accept(accept).get(REGISTRATION + "cronjob.yaml"), 400, "invalid_cron");
  }

  @Test
  void aRefusedTriggerIsJsonUnderAcceptAny() {
    assertJsonError(
        given().accept("*/*").post("/api/birth/onboarding/full-scan"), 401, "unauthorized");
  }

  private static void assertJsonError(Response response, int status, String error) {
    response.then().statusCode(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.jsonPath().getString("error")).isEqualTo(error);
    assertThat(response.jsonPath().getString("message")).isNotBlank();
  }
}
