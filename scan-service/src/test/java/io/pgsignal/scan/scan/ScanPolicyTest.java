package io.pgsignal.scan.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgsignal.schema.http.ApiException;
import io.pgsignal.schema.test.TestDatabase;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ScanPolicy} read through the reactive client as a real login role (not the superuser the
 * other scan tests use): only an absent dot_config reads as an absent policy; one the role may not
 * read is a 503, never "policy missing".
 */
class ScanPolicyTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String ROLE = "scan_policy_test_" + UUID.randomUUID().toString().substring(0, 8);
  static final String PASSWORD = UUID.randomUUID().toString();

  static TestDatabase db;
  static Vertx vertx;
  static Pool pool;
  static ScanPolicy policy;

  @BeforeAll
  static void databaseAndRole() throws SQLException {
    db = TestDatabase.migrated("scan_policy");
    execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    vertx = Vertx.vertx();
    pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(
                PgConnectOptions.fromUri(db.reactiveUrl()).setUser(ROLE).setPassword(PASSWORD))
            .using(vertx)
            .build();
    policy = new ScanPolicy(pool);
  }

  @AfterAll
  static void dropAll() throws SQLException {
    pool.closeAndAwait();
    vertx.closeAndAwait();
    db.close();
    try (Connection admin =
            DriverManager.getConnection(
                "jdbc:postgresql://%s:%s/postgres".formatted(TestDatabase.HOST, TestDatabase.PORT),
                TestDatabase.USER,
                TestDatabase.PASSWORD);
        Statement s = admin.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + ROLE);
    }
  }

  @BeforeEach
  void readableDotConfig() throws SQLException {
    execute(
        "ALTER TABLE IF EXISTS public.dot_config_elsewhere RENAME TO dot_config;"
            + "REVOKE ALL ON public.dot_config FROM "
            + ROLE);
  }

  @Test
  void aGrantedRoleReadsThePolicy() throws SQLException {
    execute("GRANT SELECT ON public.dot_config TO " + ROLE);

    ScanPolicy.Values values = policy.read().await().atMost(WAIT);

    assertThat(values.cadenceCron()).isPresent();
  }

  @Test
  void aDotConfigTheRoleMayNotReadIsA503NotAMissingPolicy() {
    assertThatThrownBy(() -> policy.read().await().atMost(WAIT))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("may not read public.dot_config")
        .satisfies(e -> assertThat(((ApiException) e).toResponse().getStatus()).isEqualTo(503));
  }

  @Test
  void anAbsentDotConfigReadsAsAnAbsentPolicy() throws SQLException {
    execute("ALTER TABLE public.dot_config RENAME TO dot_config_elsewhere");

    ScanPolicy.Values values = policy.read().await().atMost(WAIT);

    assertThat(values.enabled()).isEqualTo(Optional.empty());
    assertThat(values.cadenceCron()).isEqualTo(Optional.empty());
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
