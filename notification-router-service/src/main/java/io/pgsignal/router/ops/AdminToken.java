package io.pgsignal.router.ops;

import io.pgsignal.router.config.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks {@code Authorization: Bearer $SIGNAL_ADMIN_TOKEN} in constant time; never logs it. */
@ApplicationScoped
public class AdminToken {

  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> expected;

  public AdminToken(RouterConfig config) {
    this.expected =
        config.adminToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws a 401 {@link OpsException} unless the header carries the admin token. */
  public void require(String authorization) {
    if (expected.isEmpty()) {
      throw new OpsException(
          401, "unauthorized", "operations endpoints are disabled: SIGNAL_ADMIN_TOKEN is not set");
    }
    if (authorization == null || !authorization.startsWith(BEARER)) {
      throw new OpsException(401, "unauthorized", "Authorization: Bearer <admin token> required");
    }
    byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected.get(), given)) {
      throw new OpsException(401, "unauthorized", "invalid admin token");
    }
  }
}
