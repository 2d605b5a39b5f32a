package io.pgsignal.schema.pool;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Creates the services' default reactive pool as Quarkus would, except that statements up to {@link
 * #SQL_LIMIT} characters are kept as named prepared statements. Vert.x caches only statements of at
 * most 2,048 characters by default, and the capture worker's batch statement (claim, validate,
 * write, delete in one CTE) is longer: with {@code cache-prepared-statements} on, it was still
 * parsed and planned on every pass (PostgreSQL log: parse 0.7 ms + bind 1.4 ms before an execute of
 * 1.7 ms on a 2-core host).
 */
@Singleton
public class LongStatementPoolCreator implements PgPoolCreator {

  static final int SQL_LIMIT = 16_384;

  @Override
  @SuppressWarnings(
      "deprecation") // Quarkus casts the result to PgPool, which PgBuilder does not build
  public Pool create(Input input) {
    input.pgConnectOptionsList().forEach(o -> o.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
    return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
  }
}
