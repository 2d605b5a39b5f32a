package io.pgsignal.schema.listen;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Connect options for a dedicated LISTEN connection, read from the service's reactive datasource:
 * the URL, the credentials and the TLS settings the pool uses, so a server that requires TLS (or a
 * private CA) accepts the LISTEN connection as it accepts the pool's.
 */
public final class DatasourceOptions {

  private static final String REACTIVE = "quarkus.datasource.reactive.";

  private DatasourceOptions() {}

  public static PgConnectOptions fromConfig(Config config) {
    String url = config.getValue(REACTIVE + "url", String.class);
    var options =
        PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
    config
        .getOptionalValue("quarkus.datasource.username", String.class)
        .ifPresent(options::setUser);
    config
        .getOptionalValue("quarkus.datasource.password", String.class)
        .ifPresent(options::setPassword);
    config
        .getOptionalValue(REACTIVE + "postgresql.ssl-mode", String.class)
        .ifPresent(mode -> options.setSslMode(SslMode.of(mode)));
    config.getOptionalValue(REACTIVE + "trust-all", Boolean.class).ifPresent(options::setTrustAll);
    config
        .getOptionalValue(REACTIVE + "hostname-verification-algorithm", String.class)
        .ifPresent(options::setHostnameVerificationAlgorithm);
    config
        .getOptionalValues(REACTIVE + "trust-certificate-pem.certs", String.class)
        .filter(certs -> !certs.isEmpty())
        .ifPresent(certs -> options.setPemTrustOptions(pem(certs)));
    return options.setReconnectAttempts(0);
  }

  private static PemTrustOptions pem(List<String> certs) {
    PemTrustOptions pem = new PemTrustOptions();
    certs.forEach(pem::addCertPath);
    return pem;
  }
}
