package io.pgsignal.system.pivot;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.KeepAliveHttp;
import io.pgsignal.system.support.ServiceProcess;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * An agent in the configured read role ({@code role:signal_readers}) calling the API with its
 * token, on one kept-alive connection (one thread).
 */
final class PivotBenchmarkReader implements AutoCloseable {

  private final KeepAliveHttp http;
  private final Map<String, String> headers;

  private PivotBenchmarkReader(String baseUrl, String token) {
    this.http = new KeepAliveHttp(URI.create(baseUrl));
    this.headers = Map.of("Authorization", "Bearer " + token);
  }

  static PivotBenchmarkReader create(TestDatabase db, ServiceProcess api) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT signal.upsert_actor('role:signal_readers', 'role', NULL, NULL)");
      s.execute("SELECT signal.upsert_actor('agent:pivot-bench', 'ai_agent', NULL, NULL)");
      s.execute("SELECT signal.add_role_member('role:signal_readers', 'agent:pivot-bench')");
      try (ResultSet rs = s.executeQuery("SELECT signal.issue_token('agent:pivot-bench')")) {
        rs.next();
        return new PivotBenchmarkReader(api.baseUrl(), rs.getString(1));
      }
    }
  }

  KeepAliveHttp.Reply get(String path) {
    return http.get(path, headers);
  }

  @Override
  public void close() {
    http.close();
  }
}
