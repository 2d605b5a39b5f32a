package io.pgsignal.capture.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The worker loop does not run: a test calls {@code CapturePass.run()} itself after each step, so
 * what a pass sees (the clock, the facts) is exactly what the test set up, with no timing involved.
 */
public class LoopDisabled implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("signal.capture.enabled", "false");
  }
}
