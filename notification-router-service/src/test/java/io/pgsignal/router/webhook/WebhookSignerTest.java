package io.pgsignal.router.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  @Test
  void signsLikeTheStandardWebhooksReferenceVector() {
    // the example of the Standard Webhooks specification / its reference libraries
    String signature =
        WebhookSigner.sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}");

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void aSecretWithoutThePrefixIsUsedAsItsUtf8Bytes() {
    assertThat(WebhookSigner.key("plain-secret")).isEqualTo("plain-secret".getBytes());
    assertThat(WebhookSigner.sign("plain-secret", "id", 1, "{}"))
        .isNotEqualTo(WebhookSigner.sign("plain-secreT", "id", 1, "{}"))
        .startsWith("v1,");
  }
}
