package io.pgsignal.exposure;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Quarkus checks every request URI with {@code java.net.URI} before any route runs and
 * answers a malformed one (e.g. {@code ?domain=%zz}) with an empty 400; SPEC §6 wants a JSON error
 * body for every refusal. That check can only be switched off by a system property read when
 * Quarkus' HTTP recorder class loads, so it is set here, before the application starts, and {@link
 * io.pgsignal.exposure.api.VertxErrorBodies} performs the same check as the first route, with a
 * body.
 */
@QuarkusMain
public final class ExposureMain {

  private ExposureMain() {}

  public static void main(String... args) {
    System.setProperty("vertx.disableURIValidation", "true");
    Quarkus.run(args);
  }
}
