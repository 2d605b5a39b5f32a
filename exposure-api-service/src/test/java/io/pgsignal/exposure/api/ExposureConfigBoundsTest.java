package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExposureConfigBoundsTest {

  static final Map<String, Object> DEFAULTS =
      Map.of(
          "streamPageSize", 200,
          "maxBodyBytes", 65536,
          "maxEventIds", 500,
          "pollInterval", Duration.ofSeconds(15),
          "streamHeartbeat", Duration.ofSeconds(15),
          "catalogRefresh", Duration.ofSeconds(60),
          "identityCacheTtl", Duration.ofSeconds(30));

  @Test
  void theDefaultsPass() {
    assertThat(ExposureConfigBounds.problems(config(Map.of()))).isEmpty();
  }

  @Test
  void aZeroStreamPageOrSubSecondPollHintIsRefused() {
    assertThat(
            ExposureConfigBounds.problems(
                config(
                    Map.of(
                        "streamPageSize",
                        0,
                        "pollInterval",
                        Duration.ofMillis(500),
                        "streamHeartbeat",
                        Duration.ZERO,
                        "maxEventIds",
                        -1,
                        "identityCacheTtl",
                        Duration.ofSeconds(-1)))))
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("stream-page-size"))
        .anySatisfy(p -> assertThat(p).startsWith("poll-interval"));
  }

  static ExposureConfig config(Map<String, Object> overrides) {
    return (ExposureConfig)
        Proxy.newProxyInstance(
            ExposureConfig.class.getClassLoader(),
            new Class<?>[] {ExposureConfig.class},
            (proxy, method, args) ->
                overrides.getOrDefault(method.getName(), DEFAULTS.get(method.getName())));
  }
}
