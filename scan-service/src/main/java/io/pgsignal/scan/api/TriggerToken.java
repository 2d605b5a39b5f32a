package io.pgsignal.scan.api;

import io.pgsignal.scan.ScanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <SCAN_TRIGGER_TOKEN>} in constant time; never logs it. */
@ApplicationScoped
public class TriggerToken {

  private static final String PREFIX = "Bearer ";
  private final byte[] expected;

  public TriggerToken(ScanConfig config) {
    this.expected =
        config.triggerToken().filter(t -> !t.isBlank()).orElse("").getBytes(StandardCharsets.UTF_8);
  }

  /** Throws a 401 {@link ApiException} unless the header carries the configured token. */
  public void require(String authorization) {
    if (expected.length == 0) {
      throw new ApiException(401, "unauthorized", "SCAN_TRIGGER_TOKEN is not configured");
    }
    byte[] given =
        authorization != null && authorization.startsWith(PREFIX)
            ? authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ApiException(401, "unauthorized", "a valid bearer token is required");
    }
  }
}
