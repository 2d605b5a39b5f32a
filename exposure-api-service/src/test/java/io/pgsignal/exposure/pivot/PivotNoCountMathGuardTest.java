package io.pgsignal.exposure.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The seed 004 §F no-math guard, run over the pivot package in every build, and tested itself. */
class PivotNoCountMathGuardTest {

  private static final Path PIVOT_SOURCES = Path.of("src/main/java/io/pgsignal/exposure/pivot");
  private static final Path FIXTURES = Path.of("src/test/resources/pivot-guard");

  @Test
  void pivotHandlersDoNoArithmeticOnCounts() {
    NoCountMathGuard.Scan scan = NoCountMathGuard.scanDirectory(PIVOT_SOURCES);

    assertThat(scan.files()).as("files scanned (a wrong path must not pass)").isGreaterThan(5);
    assertThat(scan.violations()).isEmpty();
  }

  @Test
  void guardFailsOnEachPlantedViolation() throws IOException {
    var found =
        NoCountMathGuard.scan(
            "PlantedViolations.java",
            Files.readString(FIXTURES.resolve("PlantedViolations.java.txt")));

    assertThat(found)
        .extracting(NoCountMathGuard.Violation::line, NoCountMathGuard.Violation::rule)
        .containsExactlyInAnyOrder(
            tuple(6, "reduce"),
            tuple(6, "sum"),
            tuple(6, "count-arithmetic"),
            tuple(10, "math"),
            tuple(14, "sum"),
            tuple(18, "count-arithmetic"),
            tuple(21, "hard-coded-array"),
            tuple(23, "hard-coded-code"),
            tuple(26, "count-arithmetic"));
  }

  @Test
  void guardIgnoresArithmeticInSqlCommentsAndStrings() throws IOException {
    var found =
        NoCountMathGuard.scan(
            "CleanHandler.java", Files.readString(FIXTURES.resolve("CleanHandler.java.txt")));

    assertThat(found).isEmpty();
  }

  @Test
  void guardFailsWhenAViolationIsPlantedInACopyOfARealHandler() throws IOException {
    String real = Files.readString(PIVOT_SOURCES.resolve("NodeSubstrate.java"));
    String planted =
        real.replace(
            "row.getLong(\"gap\"),",
            "row.getLong(\"pivot_count\") - row.getLong(\"record_count\"),");

    assertThat(planted).isNotEqualTo(real);
    assertThat(NoCountMathGuard.scan("NodeSubstrate.java", planted))
        .extracting(NoCountMathGuard.Violation::rule)
        .containsExactly("column-arithmetic");
  }
}
