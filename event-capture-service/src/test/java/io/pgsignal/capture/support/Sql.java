package io.pgsignal.capture.support;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helper for tests: run a statement, read rows as maps. */
public final class Sql {

  private Sql() {}

  public static List<Map<String, Object>> rows(TestDatabase db, String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      if (!ps.execute()) {
        return List.of();
      }
      try (ResultSet rs = ps.getResultSet()) {
        List<Map<String, Object>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> one(TestDatabase db, String sql, Object... args) {
    List<Map<String, Object>> rows = rows(db, sql, args);
    if (rows.size() != 1) {
      throw new IllegalStateException("expected one row, got " + rows.size() + ": " + sql);
    }
    return rows.get(0);
  }

  public static long count(TestDatabase db, String sql, Object... args) {
    return ((Number) one(db, sql, args).values().iterator().next()).longValue();
  }

  /** Records a registered, ungrouped fact through signal.emit (with its hint); returns its id. */
  public static long emitHealthAlert(TestDatabase db) {
    return ((Number)
            one(
                    db,
                    "SELECT signal.emit(p_domain => 'system', p_event_type => 'health_alert') AS id")
                .get("id"))
        .longValue();
  }

  public static void exec(TestDatabase db, String sql, Object... args) {
    rows(db, sql, args);
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }
}
