package io.pgsignal.router.email;

import io.smallrye.mutiny.Uni;

/**
 * The email channel seam (SPEC §5: interface, no sender yet). An adapter implements this as an
 * {@code @Alternative} bean that a future email loop (claiming {@code channel = 'email'} deliveries
 * like the webhook loop) calls; that loop brings its own configuration. Until then email deliveries
 * stay {@code pending}, visible to operators.
 */
public interface EmailSender {

  /** Sends one message; fails the Uni on a failed attempt (retried with back-off like webhooks). */
  Uni<Void> send(EmailMessage message);

  /** Whether this sender can deliver (the default one cannot). */
  boolean available();
}
