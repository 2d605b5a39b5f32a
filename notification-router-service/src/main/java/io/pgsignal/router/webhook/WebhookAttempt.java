package io.pgsignal.router.webhook;

import java.time.Duration;

/**
 * Result of one HTTP attempt; a failure is data, never an exception.
 *
 * @param error null on success; else a short code ({@code http_503}, {@code timeout}, …)
 */
public record WebhookAttempt(boolean success, String error, Duration latency) {

  static WebhookAttempt ok(Duration latency) {
    return new WebhookAttempt(true, null, latency);
  }

  static WebhookAttempt failed(String error, Duration latency) {
    return new WebhookAttempt(false, error, latency);
  }
}
