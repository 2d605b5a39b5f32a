package io.pgsignal.router.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." +
 * body)>}. A secret {@code whsec_<base64>} is the base64 of the key; any other secret is its UTF-8
 * bytes. A {@code whsec_} secret that is not base64 (V206 refuses it at registration; older rows
 * may hold one) cannot sign: {@link IllegalArgumentException}.
 */
public final class WebhookSigner {

  private static final String PREFIX = "whsec_";

  private WebhookSigner() {}

  /**
   * @throws IllegalArgumentException when the secret is {@code whsec_} followed by no valid base64
   */
  public static String sign(String secret, String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static byte[] key(String secret) {
    if (secret.startsWith(PREFIX)) {
      return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
