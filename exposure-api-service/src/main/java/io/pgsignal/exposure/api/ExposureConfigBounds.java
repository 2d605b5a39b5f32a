package io.pgsignal.exposure.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with settings that would break the service instead of degrading it (a stream
 * page of 0 reads forever, a zero heartbeat or poll hint spins clients and the database).
 */
@ApplicationScoped
public class ExposureConfigBounds {

  void check(@Observes StartupEvent event, ExposureConfig config) {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid signal.exposure settings: " + problems);
    }
  }

  static List<String> problems(ExposureConfig c) {
    List<String> problems = new ArrayList<>();
    atLeast(problems, "stream-page-size", c.streamPageSize(), 1);
    atLeast(problems, "max-body-bytes", c.maxBodyBytes(), 1);
    atLeast(problems, "max-event-ids", c.maxEventIds(), 1);
    atLeast(problems, "poll-interval", c.pollInterval(), Duration.ofSeconds(1));
    atLeast(problems, "stream-heartbeat", c.streamHeartbeat(), Duration.ofSeconds(1));
    atLeast(problems, "catalog-refresh", c.catalogRefresh(), Duration.ofSeconds(1));
    atLeast(problems, "identity-cache-ttl", c.identityCacheTtl(), Duration.ZERO);
    return problems;
  }

  private static void atLeast(List<String> problems, String name, int value, int min) {
    if (value < min) {
      problems.add(name + " must be at least " + min + " (is " + value + ")");
    }
  }

  private static void atLeast(List<String> problems, String name, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      problems.add(name + " must be at least " + min + " (is " + value + ")");
    }
  }
}
