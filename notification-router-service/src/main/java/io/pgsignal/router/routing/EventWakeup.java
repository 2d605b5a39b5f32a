package io.pgsignal.router.routing;

import io.pgsignal.router.config.RouterConfig;
import io.pgsignal.schema.listen.DatasourceOptions;
import io.pgsignal.schema.listen.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Wakes the routing loop on every {@code signal_event} NOTIFY, after every (re)subscribe (catch-up:
 * notifications sent while LISTEN was down are lost, the queue is not) and on a poll timer.
 */
@ApplicationScoped
public class EventWakeup {

  static final String CHANNEL = "signal_event";

  private final RoutingLoop loop;
  private final Vertx vertx;
  private final Config config;
  private final RouterConfig routerConfig;
  private volatile PgListener listener;
  private long pollTimer = -1;

  public EventWakeup(RoutingLoop loop, Vertx vertx, Config config, RouterConfig routerConfig) {
    this.loop = loop;
    this.vertx = vertx;
    this.config = config;
    this.routerConfig = routerConfig;
  }

  void start(@Observes StartupEvent event) {
    listener =
        PgListener.start(
            vertx,
            DatasourceOptions.fromConfig(config),
            List.of(CHANNEL),
            payload -> loop.wake(),
            channel -> loop.wake());
    pollTimer =
        vertx.setPeriodic(routerConfig.routing().pollInterval().toMillis(), id -> loop.wake());
    loop.wake();
  }

  void stop(@Observes ShutdownEvent event) {
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    if (listener != null) {
      listener.close();
    }
  }

  /** True while LISTEN signal_event is established: readiness. */
  public boolean isListening() {
    return listener != null && listener.isListening();
  }
}
