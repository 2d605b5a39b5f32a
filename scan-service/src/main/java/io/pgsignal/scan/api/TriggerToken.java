package io.pgsignal.scan.api;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.schema.auth.BearerSecret;
import io.pgsignal.schema.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks {@code Authorization: Bearer <SCAN_TRIGGER_TOKEN>} in constant time; never logs it. */
@ApplicationScoped
public class TriggerToken {

  private final BearerSecret secret;

  public TriggerToken(ScanConfig config) {
    this.secret = BearerSecret.of(config.triggerToken());
  }

  /** Throws a 401 {@link ApiException} unless the header carries the configured token. */
  public void require(String authorization) {
    if (!secret.isConfigured()) {
      throw new ApiException(401, "unauthorized", "SCAN_TRIGGER_TOKEN is not configured");
    }
    if (!secret.accepts(authorization)) {
      throw new ApiException(401, "unauthorized", "a valid bearer token is required");
    }
  }
}
