package io.pgsignal.capture.deadletter;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.schema.auth.BearerSecret;
import io.pgsignal.schema.http.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /api/ops/**} with {@code Authorization: Bearer $SIGNAL_ADMIN_TOKEN} (constant-time
 * compare); no token configured means no access.
 */
public class AdminTokenFilter {

  private final BearerSecret secret;

  public AdminTokenFilter(CaptureConfig config) {
    this.secret = BearerSecret.of(config.adminToken());
  }

  @ServerRequestFilter
  public Response checkAdminToken(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/ops")) {
      return null;
    }
    return secret.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))
        ? null
        : ApiError.response(401, "unauthorized", "an admin bearer token is required");
  }
}
