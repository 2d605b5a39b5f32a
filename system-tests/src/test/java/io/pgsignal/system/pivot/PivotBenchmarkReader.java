package io.pgsignal.system.pivot;

import io.pgsignal.schema.test.TestDatabase;
import io.pgsignal.system.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * An agent in the configured read role ({@code role:signal_readers}) calling the API with its
 * token.
 */
final class PivotBenchmarkReader {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String baseUrl;
  private final String token;

  private PivotBenchmarkReader(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
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

  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
