package io.pgsignal.exposure.stream;

import io.pgsignal.schema.listen.DatasourceOptions;
import io.pgsignal.schema.listen.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * One LISTEN connection on {@code signal_delivery} for the whole service. Each notification (and
 * each re-established LISTEN, after which notifications may have been missed) becomes a tick that
 * every open stream answers by reading its new deliveries from the table: the payload is never
 * trusted as data.
 */
@ApplicationScoped
public class DeliveryFeed {

  static final String CHANNEL = "signal_delivery";

  private final Vertx vertx;
  private final Config config;
  private final BroadcastProcessor<Long> ticks = BroadcastProcessor.create();
  private volatile PgListener listener;

  public DeliveryFeed(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    var options = DatasourceOptions.fromConfig(config);
    config
        .getOptionalValue("quarkus.datasource.exposure.username", String.class)
        .ifPresent(options::setUser);
    options.setPassword(
        config.getOptionalValue("quarkus.datasource.exposure.password", String.class).orElse(""));
    listener =
        PgListener.start(
            vertx,
            options,
            List.of(CHANNEL),
            payload -> ticks.onNext(1L),
            channel -> ticks.onNext(0L));
  }

  void stop(@Observes ShutdownEvent event) {
    if (listener != null) {
      listener.close();
    }
    ticks.onComplete();
  }

  /** Hot stream of wake-ups; a subscriber sees the ticks after it subscribed. */
  public Multi<Long> ticks() {
    return ticks;
  }

  public boolean isListening() {
    return listener != null && listener.isListening();
  }
}
