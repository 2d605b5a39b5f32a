package io.pgsignal.exposure.pivot;

import java.util.ArrayList;
import java.util.List;

/**
 * Java source with comments, string/char literals and text blocks blanked (line breaks kept, so
 * line numbers stay true), plus the blanked string literals themselves. Used by {@link
 * NoCountMathGuard} so SQL and prose never look like Java arithmetic.
 */
record JavaCodeOnly(String text, List<Literal> literals) {

  record Literal(int line, String value) {}

  static JavaCodeOnly of(String src) {
    StringBuilder out = new StringBuilder(src.length());
    List<Literal> literals = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        int end = src.indexOf('\n', i);
        i = end < 0 ? src.length() : end;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        int stop = end < 0 ? src.length() : end + 2;
        line += blank(out, src, i, stop);
        i = stop;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        int stop = end < 0 ? src.length() : end + 3;
        out.append("\"\"");
        line += blank(out, src, i, stop);
        i = stop;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          literals.add(new Literal(line, src.substring(i + 1, Math.min(j, src.length()))));
        }
        out.append(c).append(c);
        i = Math.min(j + 1, src.length());
      } else {
        if (c == '\n') {
          line++;
        }
        out.append(c);
        i++;
      }
    }
    return new JavaCodeOnly(out.toString(), literals);
  }

  /** Appends only the line breaks of src[from, to); returns how many there were. */
  private static int blank(StringBuilder out, String src, int from, int to) {
    int breaks = 0;
    for (int k = from; k < to; k++) {
      if (src.charAt(k) == '\n') {
        out.append('\n');
        breaks++;
      }
    }
    return breaks;
  }
}
