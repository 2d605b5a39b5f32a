package io.pgsignal.router.webhook;

/**
 * A webhook delivery leased by this replica.
 *
 * @param deliveryId signal.delivery id
 * @param eventId the event, also the {@code webhook-id} (stable across retries: receivers dedupe)
 * @param recipientRef the receiving actor
 * @param attempts attempts made before this one
 * @param url endpoint url; null when the actor has no enabled endpoint
 * @param secret signing secret; never logged
 * @param body the event envelope as JSON
 */
public record WebhookJob(
    long deliveryId,
    String eventId,
    String recipientRef,
    int attempts,
    String url,
    String secret,
    String body) {

  @Override
  public String toString() {
    return "WebhookJob[delivery " + deliveryId + " to " + recipientRef + "]";
  }
}
