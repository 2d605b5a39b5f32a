package io.pgsignal.scan.cadence;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One field of a cron expression: its range, optional names, and the parsing shared by the dialects
 * ({@code *}, {@code n}, {@code a-b}, lists, {@code /step}).
 */
enum CronField {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  /** Unix numbering: 0-7, 0 and 7 are Sunday. */
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  private final String label;
  final int min;
  final int max;
  private final List<String> names;

  CronField(String label, int min, int max, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /**
   * Validates {@code text} and returns it canonical: names become numbers, {@code a/n} becomes
   * {@code a-max/n}, Sunday is 0. {@code offset} shifts numeric input (Quartz day-of-week is 1-7).
   */
  String canonical(String expression, String text, int offset) {
    StringBuilder out = new StringBuilder();
    for (String item : text.split(",", -1)) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(canonicalItem(expression, item, offset));
    }
    return out.toString();
  }

  /** All values the (canonical) field matches, Sunday folded to 0. */
  TreeSet<Integer> values(String canonical) {
    TreeSet<Integer> set = new TreeSet<>();
    for (String item : canonical.split(",")) {
      String[] stepParts = item.split("/");
      int step = stepParts.length == 2 ? Integer.parseInt(stepParts[1]) : 1;
      int from;
      int to;
      if (stepParts[0].equals("*")) {
        from = min;
        to = this == DAY_OF_WEEK ? 6 : max;
      } else if (stepParts[0].contains("-")) {
        String[] r = stepParts[0].split("-");
        from = Integer.parseInt(r[0]);
        to = Integer.parseInt(r[1]);
      } else {
        from = Integer.parseInt(stepParts[0]);
        to = from;
      }
      for (int v = from; v <= to; v += step) {
        set.add(this == DAY_OF_WEEK ? v % 7 : v);
      }
    }
    return set;
  }

  private String canonicalItem(String expression, String item, int offset) {
    if (item.isEmpty()) {
      throw new CronFormatException(expression, "empty item in the " + label + " field");
    }
    String[] stepParts = item.split("/", -1);
    if (stepParts.length > 2) {
      throw new CronFormatException(
          expression, "more than one '/' in " + label + " '" + item + "'");
    }
    String step = "";
    if (stepParts.length == 2) {
      int n = number(expression, stepParts[1], 0);
      if (n < 1 || n > max) {
        throw new CronFormatException(expression, "step " + n + " out of range in " + label);
      }
      step = "/" + n;
    }
    String base = stepParts[0];
    if (base.equals("*")) {
      return "*" + step;
    }
    if (base.contains("-")) {
      String[] r = base.split("-", -1);
      if (r.length != 2) {
        throw new CronFormatException(expression, "bad range '" + base + "' in " + label);
      }
      int a = value(expression, r[0], offset);
      int b = value(expression, r[1], offset);
      if (a > b) {
        throw new CronFormatException(expression, "range " + base + " runs backwards in " + label);
      }
      return a + "-" + b + step;
    }
    int a = value(expression, base, offset);
    if (this == DAY_OF_WEEK && step.isEmpty()) {
      a = a % 7;
    }
    // "a/n" is not portable Unix cron: spell the range out
    return step.isEmpty() ? Integer.toString(a) : a + "-" + max + step;
  }

  private int value(String expression, String text, int offset) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return this == MONTH ? index + 1 : index;
    }
    int v = number(expression, text, offset);
    if (v < min || v > max) {
      throw new CronFormatException(
          expression,
          label + " value " + text + " outside " + (min + offset) + "-" + (max + offset));
    }
    return v;
  }

  private int number(String expression, String text, int offset) {
    if (!text.matches("\\d{1,2}")) {
      throw new CronFormatException(
          expression, "'" + text + "' is not a number or name in the " + label + " field");
    }
    return Integer.parseInt(text) - offset;
  }
}
