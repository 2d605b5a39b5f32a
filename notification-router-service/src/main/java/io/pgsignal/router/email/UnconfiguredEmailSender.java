package io.pgsignal.router.email;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The default: no email adapter is installed; email deliveries stay pending. */
@DefaultBean
@ApplicationScoped
public class UnconfiguredEmailSender implements EmailSender {

  @Override
  public Uni<Void> send(EmailMessage message) {
    return Uni.createFrom().failure(new IllegalStateException("no email adapter is installed"));
  }

  @Override
  public boolean available() {
    return false;
  }
}
