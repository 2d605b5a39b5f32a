package io.pgsignal.system.support;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Root log level INFO in the tests' own JVM (registered for every test class by
 * junit-platform.properties). This JVM runs JBoss LogManager with Quarkus' start-up configuration:
 * root level ALL and every record queued for a handler that never starts (no Quarkus runs here), so
 * pgjdbc and the JDK HttpClient built a debug record per call: a third of a benchmark client's CPU
 * (JFR), taken from the cores the services and PostgreSQL share.
 */
public class QuietClientLogging implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    Logger.getLogger("").setLevel(Level.INFO);
  }
}
