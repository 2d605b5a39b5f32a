package io.pgsignal.schema.listen;

import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.Config;

/**
 * Connect options for a dedicated LISTEN connection, read from the service's reactive datasource.
 */
public final class DatasourceOptions {

  private DatasourceOptions() {}

  public static PgConnectOptions fromConfig(Config config) {
    String url = config.getValue("quarkus.datasource.reactive.url", String.class);
    var options =
        PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
    config
        .getOptionalValue("quarkus.datasource.username", String.class)
        .ifPresent(options::setUser);
    config
        .getOptionalValue("quarkus.datasource.password", String.class)
        .ifPresent(options::setPassword);
    return options.setReconnectAttempts(0);
  }
}
