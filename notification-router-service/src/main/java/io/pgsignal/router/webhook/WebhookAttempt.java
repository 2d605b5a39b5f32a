package io.pgsignal.router.webhook;

import java.time.Duration;

/**
 * Result of one HTTP attempt; a failure is data, never an exception.
 *
 * @param error null on success; else a short code ({@code http_503}, {@code timeout}, …)
 * @param retryable false when no later attempt can succeed until an operator fixes the endpoint (a
 *     secret that cannot sign): the delivery goes dead at once, to be re-driven after the fix
 */
public record WebhookAttempt(boolean success, String error, boolean retryable, Duration latency) {

  static WebhookAttempt ok(Duration latency) {
    return new WebhookAttempt(true, null, false, latency);
  }

  static WebhookAttempt failed(String error, Duration latency) {
    return new WebhookAttempt(false, error, true, latency);
  }

  static WebhookAttempt failedForGood(String error) {
    return new WebhookAttempt(false, error, false, Duration.ZERO);
  }
}
