package io.pgsignal.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes one benchmark's section of {@code docs/benchmarks.md}, between {@code <!-- bench:ID -->}
 * and {@code <!-- /bench:ID -->}, leaving the other sections as they are. Every section states the
 * command that produced it and when; figures are ratios against a baseline measured in the same
 * run.
 */
public final class BenchmarkReport {

  private BenchmarkReport() {}

  public static void writeSection(String id, String title, String command, String markdownBody) {
    Path file = ProjectRoot.get().resolve("docs/benchmarks.md");
    try {
      String doc = Files.exists(file) ? Files.readString(file) : header();
      String start = "<!-- bench:" + id + " -->";
      String end = "<!-- /bench:" + id + " -->";
      String section =
          start
              + "\n## "
              + title
              + "\n\nCommand: `"
              + command
              + "`  \nMeasured: "
              + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
              + " UTC on "
              + machine()
              + "\n\n"
              + markdownBody.strip()
              + "\n"
              + end;
      int from = doc.indexOf(start);
      int to = doc.indexOf(end);
      String updated =
          from >= 0 && to > from
              ? doc.substring(0, from) + section + doc.substring(to + end.length())
              : doc.stripTrailing() + "\n\n" + section + "\n";
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + file, e);
    }
  }

  /** Formats a number for a table cell: thousands separators, {@code digits} decimals. */
  public static String num(double value, int digits) {
    return String.format(Locale.ROOT, "%,." + digits + "f", value);
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version");
  }

  private static String header() {
    return """
        # Benchmarks

        Produced by `./scripts/benchmark` (all) or `./scripts/benchmark <name>`; each section is rewritten by
        its own benchmark and names the command that produced it. Every figure is compared with a baseline
        measured in the same run, on the same database, on the same machine: ratios, not absolute claims.
        """;
  }
}
