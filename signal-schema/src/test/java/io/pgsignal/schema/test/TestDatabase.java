package io.pgsignal.schema.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * A throw-away database on a real PostgreSQL, created per test run and dropped afterwards. The
 * server comes from the libpq environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres),
 * PGPASSWORD (empty). No Docker, no mocks, no H2.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String HOST = env("PGHOST", "127.0.0.1");
  public static final String PORT = env("PGPORT", "5432");
  public static final String USER = env("PGUSER", "postgres");
  public static final String PASSWORD = env("PGPASSWORD", "");

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  /** Creates an empty database named {@code signal_test_<purpose>_<time>_<random>}. */
  public static TestDatabase create(String purpose) {
    String name =
        "signal_test_%s_%s_%04d"
            .formatted(
                purpose.replaceAll("[^a-z0-9_]", "_"),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss")),
                ThreadLocalRandom.current().nextInt(10_000));
    try (Connection admin = adminConnection()) {
      admin.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create a test database on %s:%s as %s (is PostgreSQL running? set PGHOST/PGPORT/PGUSER/PGPASSWORD): %s"
              .formatted(HOST, PORT, USER, e.getMessage()),
          e);
    }
    return new TestDatabase(name);
  }

  /** Creates a database and applies every migration (product schema and platform reference). */
  public static TestDatabase migrated(String purpose) {
    TestDatabase db = create(purpose);
    db.flyway().migrate();
    return db;
  }

  /** The Flyway configuration the services use (same locations, history table and schema). */
  public Flyway flyway() {
    return Flyway.configure()
        .dataSource(jdbcUrl(), USER, PASSWORD)
        .locations("classpath:db/signal", "classpath:db/platform")
        .schemas("signal")
        .defaultSchema("signal")
        .table("signal_schema_history")
        .outOfOrder(true)
        .load();
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%s/%s".formatted(HOST, PORT, name);
  }

  public String reactiveUrl() {
    return "postgresql://%s:%s/%s".formatted(HOST, PORT, name);
  }

  /** Quarkus datasource settings pointing a service at this database. */
  public Map<String, String> quarkusConfig() {
    return Map.of(
        "quarkus.datasource.jdbc.url",
        jdbcUrl(),
        "quarkus.datasource.reactive.url",
        reactiveUrl(),
        "quarkus.datasource.username",
        USER,
        "quarkus.datasource.password",
        PASSWORD);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  @Override
  public void close() {
    try (Connection admin = adminConnection()) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop test database " + name, e);
    }
  }

  private static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://%s:%s/%s".formatted(HOST, PORT, env("PGDATABASE", "postgres")),
        USER,
        PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
