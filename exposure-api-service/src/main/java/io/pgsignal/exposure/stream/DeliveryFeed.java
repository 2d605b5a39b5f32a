package io.pgsignal.exposure.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.schema.listen.DatasourceOptions;
import io.pgsignal.schema.listen.PgListener;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * One LISTEN connection on {@code signal_delivery} for the whole service. A notification names the
 * new inbox deliveries (ids only); one query per notification finds their recipients, and only
 * those recipients' streams read, so a delivery costs one lookup plus a read per concerned stream
 * rather than a read per open stream. An empty or unreadable hint, a failed lookup and every
 * re-established LISTEN (after which notifications may have been missed) wake every stream. The
 * payload is never trusted as data: streams read their deliveries from the table.
 */
@ApplicationScoped
public class DeliveryFeed {

  static final String CHANNEL = "signal_delivery";

  /** The recipients of the notified deliveries whose streams will send something. */
  static final String RECIPIENTS_SQL =
      """
      SELECT DISTINCT i.recipient_ref FROM signal.v_inbox i
      WHERE i.delivery_id = ANY ($1::bigint[]) AND i.state <> 'implicit_self'
      """;

  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  private final Vertx vertx;
  private final Config config;
  private final Pool pool;
  private final BroadcastProcessor<Wakeup> wakeups = BroadcastProcessor.create();
  // lookups complete on any event loop: emissions are serialised as Reactive Streams require
  private final Flow.Processor<Wakeup, Wakeup> emitter = wakeups.serialized();
  private final AtomicInteger open = new AtomicInteger();
  private volatile PgListener listener;

  public DeliveryFeed(
      Vertx vertx,
      Config config,
      @ReactiveDataSource("exposure") Pool pool,
      MeterRegistry metrics) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    Gauge.builder("signal_stream_open", open, AtomicInteger::get)
        .description("Open SSE streams (/api/signals/stream) on this replica")
        .register(metrics);
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
            this::notified,
            channel -> emitter.onNext(Wakeup.EVERYONE));
  }

  void stop(@Observes ShutdownEvent event) {
    if (listener != null) {
      listener.close();
    }
    emitter.onComplete();
  }

  private void notified(String payload) {
    if (open.get() == 0) {
      return;
    }
    Long[] ids = deliveryIds(payload);
    if (ids == null) {
      emitter.onNext(Wakeup.EVERYONE);
      return;
    }
    pool.preparedQuery(RECIPIENTS_SQL)
        .execute(Tuple.tuple().addArrayOfLong(ids))
        .map(
            rows -> {
              Set<String> recipients = new HashSet<>();
              rows.forEach(row -> recipients.add(row.getString(0)));
              return new Wakeup(recipients);
            })
        .onFailure()
        .recoverWithItem(Wakeup.EVERYONE)
        .subscribe()
        .with(emitter::onNext);
  }

  /**
   * The ids of a hint, or null when it is empty or not a list of ids. Checked id by id: one regular
   * expression over the whole list recurses per id and overflows the stack on a 7,900-character
   * hint of short ids.
   */
  static Long[] deliveryIds(String payload) {
    String[] parts = payload.split(",", -1);
    Long[] ids = new Long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!ID.matcher(parts[i]).matches()) {
        return null;
      }
      ids[i] = Long.valueOf(parts[i]);
    }
    return ids;
  }

  /** Hot stream of the wake-ups that concern {@code actor}, from the moment of subscription. */
  Multi<Wakeup> wakeups(String actor) {
    return wakeups
        .filter(wakeup -> wakeup.concerns(actor))
        .onSubscription()
        .invoke(subscription -> open.incrementAndGet())
        .onTermination()
        .invoke(open::decrementAndGet);
  }

  public boolean isListening() {
    return listener != null && listener.isListening();
  }
}
