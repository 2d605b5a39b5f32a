package io.pgsignal.schema.listen;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.List;
import java.util.function.Consumer;

/**
 * A LISTEN connection that does not stay dead. Vert.x' {@link PgSubscriber} neither retries a
 * failed first connect nor reconnects by default, and notifications sent while it is away are lost:
 * this class retries both with capped back-off and calls {@code onListening} after every
 * (re)subscribe, so its owner catches up from the tables, never from memory. Payloads are hints,
 * never data.
 */
public final class PgListener implements AutoCloseable {

  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private final List<String> channels;
  private final Consumer<String> onNotification;
  private final Consumer<String> onListening;
  private volatile boolean listening;
  private volatile boolean closed;

  private PgListener(
      Vertx vertx,
      PgConnectOptions options,
      List<String> channels,
      Consumer<String> onNotification,
      Consumer<String> onListening) {
    this.vertx = vertx;
    this.channels = List.copyOf(channels);
    this.onNotification = onNotification;
    this.onListening = onListening;
    this.subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(this::reconnectDelay);
    subscriber.closeHandler(v -> reconnectLater(MAX_BACKOFF_MS));
  }

  /**
   * Starts listening on {@code channels}.
   *
   * @param onNotification called with the payload of each notification (a hint: ids or nothing)
   * @param onListening called with the channel name each time LISTEN is (re-)established
   */
  public static PgListener start(
      Vertx vertx,
      PgConnectOptions options,
      List<String> channels,
      Consumer<String> onNotification,
      Consumer<String> onListening) {
    var listener = new PgListener(vertx, options, channels, onNotification, onListening);
    listener.subscribeAll();
    listener.connect(0);
    return listener;
  }

  /** True while the LISTEN connection is up; readiness is DOWN otherwise. */
  public boolean isListening() {
    return listening && subscriber.actualConnection() != null;
  }

  private void subscribeAll() {
    for (String channel : channels) {
      subscriber
          .channel(channel)
          .handler(onNotification::accept)
          .subscribeHandler(
              v -> {
                listening = true;
                Log.infof("LISTEN %s established", channel);
                onListening.accept(channel);
              })
          .endHandler(v -> listening = false);
    }
  }

  private void connect(int attempt) {
    if (closed) {
      return;
    }
    subscriber.connect(
        ar -> {
          if (ar.failed()) {
            listening = false;
            Log.warnf(
                "LISTEN connection failed (attempt %d): %s", attempt + 1, ar.cause().getMessage());
            vertx.setTimer(reconnectDelay(attempt), id -> connect(attempt + 1));
          }
        });
  }

  private void reconnectLater(long delayMs) {
    listening = false;
    if (!closed) {
      vertx.setTimer(delayMs, id -> connect(0));
    }
  }

  private Long reconnectDelay(Integer attempt) {
    listening = false;
    if (closed) {
      return -1L;
    }
    return Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 10));
  }

  @Override
  public void close() {
    closed = true;
    listening = false;
    subscriber.close();
  }
}
