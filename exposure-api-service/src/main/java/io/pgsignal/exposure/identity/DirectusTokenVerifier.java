package io.pgsignal.exposure.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.api.ApiErrors;
import io.pgsignal.exposure.api.ExposureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Directus access token: JWT, HS256 only, signed with Directus' SECRET (compared in
 * constant time), {@code iss} as configured, {@code exp} in the future. Yields the Directus user id
 * and role; the token itself is never logged.
 */
@ApplicationScoped
public class DirectusTokenVerifier {

  /** What a verified Directus token says about its user. */
  public record DirectusClaims(UUID userId, String role) {}

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final ExposureConfig config;
  private final ObjectMapper json;
  private final Clock clock;

  public DirectusTokenVerifier(ExposureConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.clock = Clock.systemUTC();
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
      if (!claims.path("exp").canConvertToLong()
          || claims.path("exp").asLong() <= clock.instant().getEpochSecond()) {
        throw ApiErrors.unauthorized("token_expired", "The access token has expired");
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
