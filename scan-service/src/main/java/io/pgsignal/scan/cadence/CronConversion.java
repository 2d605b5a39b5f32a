package io.pgsignal.scan.cadence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Explicit conversion between the three cron dialects the scan's cadence lives in:
 *
 * <ul>
 *   <li>Unix 5-field ({@code min hour dom month dow}): the policy {@code
 *       policy.birth_full_scan.cadence_cron} and the Kubernetes CronJob;
 *   <li>Directus 6-field (seconds first): the Directus flow (Directus also accepts 5 fields);
 *   <li>Quartz/Quarkus ({@code sec min hour dom month dow [year]}, one of dom/dow is {@code ?},
 *       day-of-week 1-7 from Sunday): the in-process schedule.
 * </ul>
 *
 * Anything that one dialect cannot say exactly (seconds, Quartz {@code L W #}, Unix "dom OR dow")
 * is refused with a {@link CronFormatException}, never approximated.
 */
public final class CronConversion {

  private static final String[] DOW_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private static final String NAMES =
      "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT";

  private CronConversion() {}

  /** Validates a Unix 5-field expression and returns its canonical spelling. */
  public static String canonicalUnix(String unix) {
    String[] f =
        fields(unix, 5, 5, "Unix cron needs 5 fields: minute hour day-of-month month day-of-week");
    return String.join(
        " ",
        CronField.MINUTE.canonical(unix, f[0], 0),
        CronField.HOUR.canonical(unix, f[1], 0),
        CronField.DAY_OF_MONTH.canonical(unix, f[2], 0),
        CronField.MONTH.canonical(unix, f[3], 0),
        CronField.DAY_OF_WEEK.canonical(unix, f[4], 0));
  }

  /** Unix 5-field → Directus 6-field (seconds 0). */
  public static String unixToDirectus(String unix) {
    return "0 " + canonicalUnix(unix);
  }

  /** Directus cron (6-field with seconds first, or 5-field) → canonical Unix 5-field. */
  public static String directusToUnix(String directus) {
    String[] f = fields(directus, 5, 6, "Directus cron needs 5 or 6 fields (6: seconds first)");
    if (f.length == 5) {
      return canonicalUnix(directus);
    }
    requireZeroSeconds(directus, f[0]);
    return canonicalUnix(String.join(" ", f[1], f[2], f[3], f[4], f[5]));
  }

  /** Unix 5-field → Quartz/Quarkus 6-field. */
  public static String unixToQuartz(String unix) {
    String[] c = canonicalUnix(unix).split(" ");
    boolean domAny = c[2].equals("*");
    boolean dowAny = c[4].equals("*");
    if (!domAny && !dowAny) {
      throw new CronFormatException(
          unix,
          "restricts both day-of-month and day-of-week (Unix: either matches); Quartz cannot say that");
    }
    String dom = domAny && !dowAny ? "?" : c[2];
    String dow = dowAny ? "?" : dowNames(CronField.DAY_OF_WEEK.values(c[4]));
    return String.join(" ", "0", c[0], c[1], dom, c[3], dow);
  }

  /** Quartz/Quarkus (6 or 7 fields) → canonical Unix 5-field. */
  public static String quartzToUnix(String quartz) {
    String[] f =
        fields(
            quartz,
            6,
            7,
            "Quartz cron needs 6 or 7 fields: second minute hour dom month dow [year]");
    requireZeroSeconds(quartz, f[0]);
    if (f.length == 7 && !f[6].equals("*")) {
      throw new CronFormatException(quartz, "a year field other than * has no Unix equivalent");
    }
    for (String field : new String[] {f[3], f[5]}) {
      if (field.replaceAll(NAMES, "").matches(".*[LW#].*")) {
        throw new CronFormatException(quartz, "Quartz L, W and # have no Unix equivalent");
      }
    }
    if (f[3].equals("?") == f[5].equals("?")) {
      throw new CronFormatException(
          quartz, "exactly one of day-of-month and day-of-week must be ?");
    }
    String dom = f[3].equals("?") ? "*" : f[3];
    String dow = "*";
    if (!f[5].equals("?") && !f[5].equals("*")) {
      String canonicalQuartzDow = quartzDow(quartz, f[5]);
      List<String> values = new ArrayList<>();
      for (int v : CronField.DAY_OF_WEEK.values(canonicalQuartzDow)) {
        values.add(Integer.toString(v));
      }
      dow = String.join(",", values);
    }
    return canonicalUnix(String.join(" ", f[1], f[2], dom, f[4], dow));
  }

  /** Any of the three dialects → canonical Unix, chosen by field count (5 Unix, 6 Directus). */
  public static String anyToUnix(String expression) {
    int n = expression == null ? 0 : expression.trim().split("\\s+").length;
    if (n == 6 && expression.contains("?")) {
      return quartzToUnix(expression);
    }
    return n == 7 ? quartzToUnix(expression) : directusToUnix(expression);
  }

  private static String quartzDow(String quartz, String field) {
    // Quartz numbers Sunday..Saturday 1..7; names are shared. Shift numbers down by one.
    StringBuilder out = new StringBuilder();
    for (String item : field.split(",", -1)) {
      String[] step = item.split("/", -1);
      String base = step[0];
      StringBuilder shifted = new StringBuilder();
      for (String part : base.split("-", -1)) {
        if (shifted.length() > 0) {
          shifted.append('-');
        }
        if (part.matches("\\d{1,2}")) {
          int v = Integer.parseInt(part);
          if (v < 1 || v > 7) {
            throw new CronFormatException(quartz, "Quartz day-of-week " + v + " outside 1-7");
          }
          shifted.append(v - 1);
        } else {
          shifted.append(part);
        }
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(shifted).append(step.length > 1 ? "/" + step[1] : "");
    }
    return CronField.DAY_OF_WEEK.canonical(quartz, out.toString(), 0);
  }

  private static String dowNames(TreeSet<Integer> values) {
    List<String> names = new ArrayList<>();
    for (int v : values) {
      names.add(DOW_NAMES[v]);
    }
    return String.join(",", names);
  }

  private static void requireZeroSeconds(String expression, String seconds) {
    if (!seconds.matches("0{1,2}")) {
      throw new CronFormatException(
          expression, "seconds '" + seconds + "' must be 0: Unix cron has no seconds");
    }
  }

  private static String[] fields(String expression, int min, int max, String expectation) {
    if (expression == null || expression.isBlank()) {
      throw new CronFormatException(String.valueOf(expression), "empty; " + expectation);
    }
    String trimmed = expression.trim();
    if (trimmed.startsWith("@")) {
      throw new CronFormatException(
          expression, "macros such as @daily are not supported; " + expectation);
    }
    String[] f = trimmed.toUpperCase(Locale.ROOT).split("\\s+");
    if (f.length < min || f.length > max) {
      throw new CronFormatException(expression, f.length + " fields; " + expectation);
    }
    return f;
  }
}
