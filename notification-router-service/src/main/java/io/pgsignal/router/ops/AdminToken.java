package io.pgsignal.router.ops;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.schema.auth.BearerSecret;
import io.pgsignal.schema.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks {@code Authorization: Bearer $SIGNAL_ADMIN_TOKEN} in constant time; never logs it. */
@ApplicationScoped
public class AdminToken {

  private final BearerSecret secret;

  public AdminToken(RouterConfig config) {
    this.secret = BearerSecret.of(config.adminToken());
  }

  /** Throws a 401 {@link ApiException} unless the header carries the admin token. */
  public void require(String authorization) {
    if (!secret.isConfigured()) {
      throw new ApiException(
          401, "unauthorized", "operations endpoints are disabled: SIGNAL_ADMIN_TOKEN is not set");
    }
    if (!secret.accepts(authorization)) {
      throw new ApiException(401, "unauthorized", "Authorization: Bearer <admin token> required");
    }
  }
}
