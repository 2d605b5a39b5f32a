package io.pgsignal.exposure.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.exposure.api.ExposureConfig;
import io.pgsignal.schema.http.ApiException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DirectusTokenVerifierTest {

  static final String SECRET = "a-directus-secret-of-at-least-32-bytes";
  static final long NOW = 1_800_000_000L;
  static final UUID USER = UUID.fromString("11111111-2222-3333-4444-555555555555");

  final DirectusTokenVerifier verifier =
      new DirectusTokenVerifier(
          config(SECRET),
          new ObjectMapper(),
          Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Test
  void aTokenWithinExpAndNbfIsAccepted() {
    String claims =
        "{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":%d,\"nbf\":%d}".formatted(USER, NOW + 60, NOW);
    assertThat(verifier.verify(token(claims)).userId()).isEqualTo(USER);
  }

  @Test
  void aPastExpIsExpiredButAMissingOrNonNumericExpIsInvalid() {
    assertThat(error("{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":%d}".formatted(USER, NOW)))
        .isEqualTo("token_expired");
    assertThat(error("{\"id\":\"%s\",\"iss\":\"directus\"}".formatted(USER)))
        .isEqualTo("invalid_token");
    assertThat(error("{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":\"soon\"}".formatted(USER)))
        .isEqualTo("invalid_token");
    assertThat(
            error("{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":\"%d\"}".formatted(USER, NOW + 60)))
        .isEqualTo("invalid_token");
  }

  @Test
  void aFutureOrNonNumericNbfIsInvalid() {
    assertThat(
            error(
                "{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":%d,\"nbf\":%d}"
                    .formatted(USER, NOW + 600, NOW + 60)))
        .isEqualTo("invalid_token");
    assertThat(
            error(
                "{\"id\":\"%s\",\"iss\":\"directus\",\"exp\":%d,\"nbf\":\"now\"}"
                    .formatted(USER, NOW + 600)))
        .isEqualTo("invalid_token");
  }

  @Test
  void aSecretShorterThan32BytesIsWeak() {
    assertThat(DirectusTokenVerifier.weakSecret(Optional.of("short-secret"))).isTrue();
    assertThat(DirectusTokenVerifier.weakSecret(Optional.of(SECRET))).isFalse();
    assertThat(DirectusTokenVerifier.weakSecret(Optional.empty())).isFalse();
  }

  private String error(String claims) {
    try {
      verifier.verify(token(claims));
    } catch (ApiException e) {
      return e.error();
    }
    throw new AssertionError("accepted: " + claims);
  }

  static String token(String claims) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload = b64(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header
          + "."
          + payload
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static ExposureConfig config(String secret) {
    return (ExposureConfig)
        Proxy.newProxyInstance(
            ExposureConfig.class.getClassLoader(),
            new Class<?>[] {ExposureConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "directusSecret" -> Optional.of(secret);
                  case "directusIssuer" -> "directus";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
