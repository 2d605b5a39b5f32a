package io.pgsignal.schema.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application its own empty database; the service migrates it at start
 * (as in production) and the database is dropped when the application stops. Use it once per
 * module: {@code @QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass =
 * false)}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private TestDatabase database;

  @Override
  public Map<String, String> start() {
    database = TestDatabase.create("quarkus");
    return database.quarkusConfig();
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(database, new TestInjector.MatchesType(TestDatabase.class));
  }

  @Override
  public void stop() {
    if (database != null) {
      database.close();
    }
  }
}
