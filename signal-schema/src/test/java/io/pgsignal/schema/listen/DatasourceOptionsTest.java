package io.pgsignal.schema.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.pgclient.SslMode;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class DatasourceOptionsTest {

  private static Config config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build();
  }

  @Test
  void theListenConnectionUsesThePoolsUrlAndCredentials() {
    var options =
        DatasourceOptions.fromConfig(
            config(
                Map.of(
                    "quarkus.datasource.reactive.url",
                        "vertx-reactive:postgresql://db.internal:6432/signal",
                    "quarkus.datasource.username", "signal_owner",
                    "quarkus.datasource.password", "s3cret")));
    assertThat(options.getHost()).isEqualTo("db.internal");
    assertThat(options.getPort()).isEqualTo(6432);
    assertThat(options.getDatabase()).isEqualTo("signal");
    assertThat(options.getUser()).isEqualTo("signal_owner");
    assertThat(options.getPassword()).isEqualTo("s3cret");
    assertThat(options.getSslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(options.getReconnectAttempts()).isZero();
  }

  @Test
  void theListenConnectionUsesThePoolsTlsSettings() {
    var options =
        DatasourceOptions.fromConfig(
            config(
                Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://db.internal/signal",
                    "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full",
                    "quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS",
                    "quarkus.datasource.reactive.trust-certificate-pem.certs",
                        "/etc/ca/a.pem,/etc/ca/b.pem")));
    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(options.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(options.getPemTrustOptions().getCertPaths())
        .containsExactly("/etc/ca/a.pem", "/etc/ca/b.pem");
    assertThat(options.isTrustAll()).isFalse();
  }

  @Test
  void sslModeInTheUrlStillCountsWhenNoPropertyOverridesIt() {
    var options =
        DatasourceOptions.fromConfig(
            config(
                Map.of(
                    "quarkus.datasource.reactive.url",
                        "postgresql://db.internal/signal?sslmode=require",
                    "quarkus.datasource.reactive.trust-all", "true")));
    assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(options.isTrustAll()).isTrue();
  }
}
