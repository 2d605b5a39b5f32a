package io.pgsignal.exposure.pivot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seed 004 §F "no-math" guard: finds count arithmetic in the Java source of the exposure pivot
 * package. SQL (text blocks and string literals) and comments are blanked before the rules run, so
 * arithmetic that lives in PostgreSQL is allowed and arithmetic in Java is not. Rules: {@code
 * reduce}, sums ({@code sum(}, {@code Long::sum}, {@code summingLong}...), {@code Math.abs} and the
 * exact-arithmetic helpers, an arithmetic operator next to a count-like name ({@code count}, {@code
 * gap}, {@code total}, {@code sum}, {@code actual}), hard-coded numeric/code arrays and
 * collections, and string literals that are catalog or pivot codes.
 */
final class NoCountMathGuard {

  /** One finding: file, 1-based line, rule name and the offending source line. */
  record Violation(String file, int line, String rule, String text) {}

  private record Rule(String name, Pattern pattern) {}

  private static final String COUNT_NAME =
      "[A-Za-z_][A-Za-z0-9_]*(?i:count|gap|total|sum|actual)[A-Za-z0-9_]*(?:\\(\\))?"
          + "|(?i:count|gap|total|sum|actual)[A-Za-z0-9_]*(?:\\(\\))?";
  private static final String OP = "(?:[-+*/%](?![-+>=])|[-+*/%]=)";

  private static final List<Rule> RULES =
      List.of(
          new Rule("reduce", Pattern.compile("\\.reduce\\s*\\(")),
          new Rule(
              "sum",
              Pattern.compile(
                  "\\bsum\\s*\\(|::sum\\b|\\bsumming(Int|Long|Double)\\b|\\bsummarizing\\w*\\b")),
          new Rule(
              "math",
              Pattern.compile(
                  "\\bMath\\.(abs|addExact|subtractExact|negateExact|multiplyExact)\\b")),
          new Rule(
              "count-arithmetic",
              Pattern.compile(
                  "(?<![\\w.])(?:\\w+\\.)*(?:"
                      + COUNT_NAME
                      + ")\\s*"
                      + OP
                      + "|(?<![-+*/%=!<>&|])"
                      + OP
                      + "\\s*(?:\\w+\\.)*(?:"
                      + COUNT_NAME
                      + ")")),
          new Rule(
              "column-arithmetic",
              Pattern.compile(
                  "\\bget(Long|Integer|Short|Double|Float|BigDecimal|Numeric|Value)\\s*\\([^)]*\\)\\s*"
                      + OP
                      + "|(?<![-+*/%=!<>&|])"
                      + OP
                      + "\\s*[\\w.]*\\bget(Long|Integer|Short|Double|Float|BigDecimal|Numeric|Value)\\s*\\(")),
          new Rule(
              "hard-coded-array",
              Pattern.compile(
                  "new\\s+[\\w.]+\\s*(\\[\\s*\\])+\\s*\\{"
                      + "|\\{\\s*-?\\d[\\d_]*[lLdDfF]?\\s*,"
                      + "|\\b(List|Set|Stream|IntStream|LongStream|Arrays\\.asList)\\.?\\w*\\(\\s*-?\\d")));

  private static final Pattern CATALOG_CODE = Pattern.compile("^(CAT|PIV)-[A-Z0-9]+(-[A-Z0-9]+)*$");

  private NoCountMathGuard() {}

  /** Scans every {@code .java} file under {@code dir}; returns the findings and the file count. */
  static Scan scanDirectory(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      List<Violation> found = new ArrayList<>();
      for (Path source : sources) {
        found.addAll(scan(source.getFileName().toString(), Files.readString(source)));
      }
      return new Scan(sources.size(), found);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Scan(int files, List<Violation> violations) {}

  static List<Violation> scan(String file, String source) {
    JavaCodeOnly code = JavaCodeOnly.of(source);
    String[] lines = code.text().split("\n", -1);
    String[] original = source.split("\n", -1);
    List<Violation> found = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      for (Rule rule : RULES) {
        if (rule.pattern().matcher(lines[i]).find()) {
          found.add(new Violation(file, i + 1, rule.name(), original[i].strip()));
        }
      }
    }
    for (JavaCodeOnly.Literal literal : code.literals()) {
      if (CATALOG_CODE.matcher(literal.value()).matches()) {
        found.add(
            new Violation(
                file, literal.line(), "hard-coded-code", original[literal.line() - 1].strip()));
      }
    }
    return found;
  }
}
