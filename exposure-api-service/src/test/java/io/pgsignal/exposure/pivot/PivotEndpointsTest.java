package io.pgsignal.exposure.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.pgsignal.schema.test.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each registries-pivot endpoint and each explicit failure state, over {@link PivotFixture}. */
@QuarkusTest
class PivotEndpointsTest {

  private static final String BASE = "/api/registries-pivot";

  TestDatabase database;

  @BeforeEach
  void seed() {
    PivotFixture.seed(database);
  }

  @Test
  void listsShowEachLivingListWithItsStateAndLeaveRetiredOnesOut() {
    JsonPath body =
        reader().when().get(BASE + "/lists?limit=500").then().statusCode(200).extract().jsonPath();

    assertThat(body.getList("items.code", String.class))
        .contains("CAT-T-SPECIES-OK", "CAT-T-SPECIES-DRIFT", "CAT-T-SPECIES-STALE")
        .doesNotContain("CAT-T-SPECIES-RETIRED", "CAT-T-SPECIES", "CAT-T");
    assertThat(body.getString("next_cursor")).isNull();
    assertThat(body.getMap("items.find { it.code == 'CAT-T-SPECIES-OK' }"))
        .containsEntry("list_count", 30)
        .containsEntry("pivot_count", 30)
        .containsEntry("pivot_backed", true)
        .containsEntry("badge", "PIVOT_OK")
        .containsEntry("count_integrity_status", "verified")
        .containsEntry("count_source", "pivot")
        .containsEntry("entity_type", "test_species")
        .containsEntry("composition_level", "list");
  }

  @Test
  void aListWhosePivotIsMissingSaysSoInsteadOfShowingACount() {
    JsonPath body = reader().get(BASE + "/lists?entity_type=test_species").jsonPath();

    assertThat(body.getMap("items.find { it.code == 'CAT-T-SPECIES-NOPIVOT' }"))
        .containsEntry("pivot_count", null)
        .containsEntry("pivot_backed", false)
        .containsEntry("badge", "PIVOT_MISSING")
        .containsEntry("refreshed_at", null)
        .containsEntry("count_integrity_status", "unverified")
        .containsEntry("list_count", 7);
  }

  @Test
  void anUnmeasuredListIsUnverifiedWithANullCount() {
    JsonPath body = reader().get(BASE + "/lists?entity_type=test_species").jsonPath();

    assertThat(body.getMap("items.find { it.code == 'CAT-T-SPECIES-UNMEASURED' }"))
        .containsEntry("list_count", null)
        .containsEntry("count_source", "unmeasured")
        .containsEntry("count_integrity_status", "unverified")
        .containsEntry("pivot_count", 12);
  }

  @Test
  void listsPageByKeysetWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = reader().queryParam("limit", 2).queryParam("entity_type", "test_species");
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get(BASE + "/lists").then().statusCode(200).extract().jsonPath();
      List<String> codes = page.getList("items.code", String.class);
      assertThat(codes.size()).isLessThanOrEqualTo(2);
      seen.addAll(codes);
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(
            "CAT-T-SPECIES-OK",
            "CAT-T-SPECIES-DRIFT",
            "CAT-T-SPECIES-UNMEASURED",
            "CAT-T-SPECIES-NOPIVOT",
            "CAT-T-SPECIES-STALE");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void integrityIsTheViewsAggregateVerbatim() {
    reader()
        .get(BASE + "/integrity")
        .then()
        .statusCode(200)
        .body("leaf_rows", equalTo(5))
        .body("sum_record", equalTo(107))
        .body("sum_actual", equalTo(107))
        .body("net_gap", equalTo(-5))
        .body("drift_rows", equalTo(1))
        .body("unverified_rows", equalTo(2))
        .body("pivot_backed", equalTo(4))
        .body("pivot_missing", equalTo(1))
        .body("pivot_stale", equalTo(1))
        .body("status", equalTo("drift"))
        .body("$", not(hasKey("drift")));
  }

  @Test
  void integrityWithDriftDetailListsTheDriftedLeaf() {
    reader()
        .get(BASE + "/integrity?detail=drift")
        .then()
        .statusCode(200)
        .body("drift_rows", equalTo(1))
        .body("drift.items.code", contains("CAT-T-SPECIES-DRIFT"))
        .body("drift.items[0].record_count", equalTo(50))
        .body("drift.items[0].actual_count", equalTo(45))
        .body("drift.items[0].gap", equalTo(-5))
        .body("drift.items[0].drift_side", equalTo("over_recorded"))
        .body("drift.items[0].drift_classification", equalTo("major"))
        .body("drift.next_cursor", nullValue());
  }

  @Test
  void treeShowsRootsThenAParentsChildren() {
    reader()
        .get(BASE + "/tree")
        .then()
        .statusCode(200)
        .body("items.node_code", hasItem("CAT-T"))
        .body("items.find { it.node_code == 'CAT-T' }.is_root", equalTo(true))
        .body("items.find { it.node_code == 'CAT-T' }.has_children", equalTo(true));
    reader()
        .get(BASE + "/tree?parent=CAT-T-SPECIES")
        .then()
        .statusCode(200)
        .body(
            "items.node_code",
            containsInAnyOrder(
                "CAT-T-SPECIES-OK",
                "CAT-T-SPECIES-DRIFT",
                "CAT-T-SPECIES-UNMEASURED",
                "CAT-T-SPECIES-NOPIVOT",
                "CAT-T-SPECIES-STALE",
                "CAT-T-SPECIES-RETIRED"))
        .body("items.parent_code", everyItem(equalTo("CAT-T-SPECIES")))
        .body("items.has_children", everyItem(equalTo(false)));
  }

  @Test
  void nodeReturnsTheSubstrateOfAGroup() {
    reader()
        .get(BASE + "/node/CAT-T-SPECIES")
        .then()
        .statusCode(200)
        .body("code", equalTo("CAT-T-SPECIES"))
        .body("parent_code", equalTo("CAT-T"))
        .body("child_count", equalTo(6))
        .body("has_children", equalTo(true))
        .body("record_count", equalTo(100))
        .body("actual_count", equalTo(107))
        .body("pivot_count", equalTo(107))
        .body("gap", equalTo(7))
        .body("count_integrity_status", equalTo("drift"))
        .body("badge", equalTo("PIVOT_OK"));
  }

  @Test
  void anUnknownNodeIs404UnknownNodeNeverAGuess() {
    reader()
        .get(BASE + "/node/CAT-NO-SUCH-NODE")
        .then()
        .statusCode(404)
        .body("error", equalTo("unknown_node"))
        .body("message", notNullValue())
        .body("$", not(hasKey("record_count")));
  }

  @Test
  void aStalePivotShowsItsStoredValueAndRefreshedAtNeverARecount() {
    JsonPath body =
        reader().get(BASE + "/count/PIV-T-STALE").then().statusCode(200).extract().jsonPath();

    // 25 births exist now; the pivot stored 20 three days ago and the API shows exactly that.
    assertThat(body.getLong("value")).isEqualTo(20L);
    assertThat(body.getString("badge")).isEqualTo("PIVOT_STALE");
    assertThat(body.getBoolean("pivot_stale")).isTrue();
    assertThat(body.getBoolean("pivot_backed")).isTrue();
    OffsetDateTime refreshedAt = OffsetDateTime.parse(body.getString("refreshed_at"));
    assertThat(Duration.between(refreshedAt, OffsetDateTime.now()))
        .isBetween(Duration.ofHours(71), Duration.ofHours(73));
  }

  @Test
  void countOfAFreshPivotIsItsStoredValue() {
    reader()
        .get(BASE + "/count/PIV-T-DRIFT")
        .then()
        .statusCode(200)
        .body("code", equalTo("PIV-T-DRIFT"))
        .body("name", equalTo("Births in the drifted list"))
        .body("source", equalTo("list_birth.list_code = CAT-T-SPECIES-DRIFT"))
        .body("value", equalTo(45))
        .body("badge", equalTo("PIVOT_OK"))
        .body("refreshed_at", notNullValue());
  }

  @Test
  void countOfAMissingPivotIsNullWithBadgePivotMissing() {
    for (String code : List.of("PIV-T-UNDEFINED", "PIV-T-NEVER")) {
      reader()
          .get(BASE + "/count/" + code)
          .then()
          .statusCode(200)
          .body("code", equalTo(code))
          .body("value", nullValue())
          .body("pivot_backed", equalTo(false))
          .body("badge", equalTo("PIVOT_MISSING"))
          .body("refreshed_at", nullValue());
    }
  }

  @Test
  void healthReportsDegradedWhileAPivotIsStaleOrNeverRefreshed() {
    reader()
        .get(BASE + "/health")
        .then()
        .statusCode(200)
        .body("status", equalTo("degraded"))
        .body("pivots_never_refreshed", equalTo(1))
        .body("pivots_stale", equalTo(1))
        .body("pivot_definitions", equalTo(6))
        .body("pivot_results", equalTo(5))
        .body("catalog_nodes", equalTo(8));
  }

  private io.restassured.specification.RequestSpecification reader() {
    return PivotReader.as(database);
  }
}
