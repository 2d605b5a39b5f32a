package io.pgsignal.router.email;

/**
 * One email of a delivery: metadata only (the envelope never carries business content).
 *
 * @param deliveryId signal.delivery id
 * @param to recipient address resolved from the actor
 * @param subject short subject derived from domain and event type
 * @param envelopeJson the event envelope
 */
public record EmailMessage(long deliveryId, String to, String subject, String envelopeJson) {}
