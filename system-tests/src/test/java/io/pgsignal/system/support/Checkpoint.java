package io.pgsignal.system.support;

import io.pgsignal.schema.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes out what earlier work left dirty, before a benchmark measures: otherwise the checkpoint
 * that a bulk load (this benchmark's fixture, or the previous benchmark's) forces later lands in
 * the measured window, and one benchmark times another's I/O.
 */
public final class Checkpoint {

  private Checkpoint() {}

  public static void now(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute("CHECKPOINT");
    }
  }
}
