package io.pgsignal.exposure.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.api.ApiErrors;
import io.pgsignal.exposure.api.ExposureConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Directus access token: JWT, HS256 only, signed with Directus' SECRET (compared in
 * constant time), {@code iss} as configured, a numeric {@code exp} in the future (past: {@code
 * token_expired}; missing or not a number: {@code invalid_token}) and, when present, a numeric
 * {@code nbf} not in the future. Yields the Directus user id and role; the token itself is never
 * logged.
 */
@ApplicationScoped
public class DirectusTokenVerifier {

  /** What a verified Directus token says about its user. */
  public record DirectusClaims(UUID userId, String role) {}

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  /** HS256 keys shorter than the hash output (RFC 7518 §3.2) are guessable offline. */
  static final int MIN_SECRET_BYTES = 32;

  private final ExposureConfig config;
  private final ObjectMapper json;
  private final Clock clock;

  public DirectusTokenVerifier(ExposureConfig config, ObjectMapper json, Clock clock) {
    this.config = config;
    this.json = json;
    this.clock = clock;
  }

  void warnOnWeakSecret(@Observes StartupEvent event) {
    if (weakSecret(config.directusSecret())) {
      Log.warnf(
          "DIRECTUS_SECRET is shorter than %d bytes: Directus tokens signed with it can be forged by brute force",
          MIN_SECRET_BYTES);
    }
  }

  static boolean weakSecret(Optional<String> secret) {
    return secret
        .filter(s -> !s.isBlank())
        .map(s -> s.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)
        .orElse(false);
  }

  public DirectusClaims verify(String token) {
    String secret = config.directusSecret().filter(s -> !s.isBlank()).orElseThrow(this::invalid);
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalid();
    }
    try {
      JsonNode header = json.readTree(B64.decode(parts[0]));
      if (!"HS256".equals(header.path("alg").asText())) {
        throw invalid();
      }
      byte[] expected = hmac(secret, parts[0] + "." + parts[1]);
      if (!MessageDigest.isEqual(expected, B64.decode(parts[2]))) {
        throw invalid();
      }
      JsonNode claims = json.readTree(B64.decode(parts[1]));
      long now = clock.instant().getEpochSecond();
      JsonNode exp = claims.path("exp");
      if (!exp.isNumber() || !exp.canConvertToLong()) {
        throw invalid();
      }
      if (exp.asLong() <= now) {
        throw ApiErrors.unauthorized("token_expired", "The access token has expired");
      }
      JsonNode nbf = claims.path("nbf");
      if (!nbf.isMissingNode()
          && (!nbf.isNumber() || !nbf.canConvertToLong() || nbf.asLong() > now)) {
        throw invalid();
      }
      if (!config.directusIssuer().equals(claims.path("iss").asText())) {
        throw invalid();
      }
      UUID user = UUID.fromString(claims.path("id").asText());
      String role = claims.path("role").isTextual() ? claims.path("role").asText() : null;
      return new DirectusClaims(user, role);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw invalid();
    }
  }

  private static byte[] hmac(String secret, String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private RuntimeException invalid() {
    return ApiErrors.unauthorized("invalid_token", "The bearer token is not valid");
  }
}
