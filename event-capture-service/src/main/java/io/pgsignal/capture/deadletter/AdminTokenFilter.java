package io.pgsignal.capture.deadletter;

import io.pgsignal.capture.config.CaptureConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /api/ops/**} with {@code Authorization: Bearer $SIGNAL_ADMIN_TOKEN}. Both sides are
 * hashed before a constant-time compare, so neither length nor content leaks through timing; no
 * token configured means no access.
 */
public class AdminTokenFilter {

  private static final String PREFIX = "Bearer ";

  private final CaptureConfig config;

  public AdminTokenFilter(CaptureConfig config) {
    this.config = config;
  }

  @ServerRequestFilter
  public Response checkAdminToken(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/ops")) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String expected = config.adminToken().filter(t -> !t.isBlank()).orElse(null);
    if (expected == null || header == null || !header.startsWith(PREFIX)) {
      return unauthorized();
    }
    return matches(header.substring(PREFIX.length()).trim(), expected) ? null : unauthorized();
  }

  private static Response unauthorized() {
    return new OpsError("unauthorized", "an admin bearer token is required").toResponse(401);
  }

  static boolean matches(String presented, String expected) {
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
