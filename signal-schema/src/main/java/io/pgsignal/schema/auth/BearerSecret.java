package io.pgsignal.schema.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A shared secret presented as {@code Authorization: Bearer <secret>} (SIGNAL_ADMIN_TOKEN,
 * SCAN_TRIGGER_TOKEN). Both sides are hashed before a constant-time compare, so neither length nor
 * content leaks through timing; an unset or blank secret accepts nothing. Never logs either side.
 */
public final class BearerSecret {

  private static final String PREFIX = "Bearer ";

  private final byte[] expectedHash;

  private BearerSecret(byte[] expectedHash) {
    this.expectedHash = expectedHash;
  }

  public static BearerSecret of(Optional<String> configured) {
    return new BearerSecret(
        configured.filter(s -> !s.isBlank()).map(BearerSecret::sha256).orElse(null));
  }

  /** False when no secret is configured: the guarded endpoints are then closed. */
  public boolean isConfigured() {
    return expectedHash != null;
  }

  /** True when {@code authorizationHeader} is {@code Bearer <the configured secret>}. */
  public boolean accepts(String authorizationHeader) {
    if (expectedHash == null
        || authorizationHeader == null
        || !authorizationHeader.startsWith(PREFIX)) {
      return false;
    }
    return MessageDigest.isEqual(
        expectedHash, sha256(authorizationHeader.substring(PREFIX.length()).trim()));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
