package io.pgsignal.system.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the API's statements, verbatim ({@code $n} parameters, as the reactive client sends it),
 * run directly over a JDBC connection: each {@code $n} becomes a {@code ?} bound to argument n, so
 * a parameter used twice is bound twice. Prepared once; pgjdbc switches to a named server-side
 * statement after a few executions, as the API's statement cache does. Reads every column of every
 * row, as the API does before shaping JSON.
 */
public final class DirectQuery implements AutoCloseable {

  private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");

  private final PreparedStatement ps;
  private final int[] slots;

  public DirectQuery(Connection connection, String sql) throws SQLException {
    List<Integer> order = new ArrayList<>();
    Matcher m = PARAM.matcher(sql);
    StringBuilder jdbc = new StringBuilder();
    while (m.find()) {
      order.add(Integer.parseInt(m.group(1)) - 1);
      m.appendReplacement(jdbc, "?");
    }
    m.appendTail(jdbc);
    this.slots = order.stream().mapToInt(Integer::intValue).toArray();
    this.ps = connection.prepareStatement(jdbc.toString());
  }

  /** Runs the statement with {@code args} (args[n-1] is $n; null binds an untyped NULL). */
  public void run(Object... args) {
    try {
      for (int i = 0; i < slots.length; i++) {
        Object value = args[slots[i]];
        if (value == null) {
          ps.setNull(i + 1, Types.OTHER);
        } else {
          ps.setObject(i + 1, value);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int c = 1; c <= columns; c++) {
            rs.getObject(c);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    ps.close();
  }
}
