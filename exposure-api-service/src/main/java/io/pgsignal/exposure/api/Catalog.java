package io.pgsignal.exposure.api;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The registered domains and event types, kept in memory so that filter values are validated before
 * any query of events. Loaded on first use and reloaded when older than {@code catalog-refresh}: a
 * newly registered type is accepted at the latest one refresh later.
 */
@ApplicationScoped
public class Catalog {

  static final String CATALOG_SQL =
      """
      SELECT event_domain, event_type FROM signal.v_event_catalog
      """;

  private record Snapshot(Set<String> domains, Set<String> types, long loadedAtNanos) {}

  private final Pool pool;
  private final ExposureConfig config;
  private volatile Snapshot snapshot;

  public Catalog(@ReactiveDataSource("exposure") Pool pool, ExposureConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Completes once a fresh enough catalog is in memory. */
  public Uni<Catalog> ready() {
    Snapshot s = snapshot;
    if (s != null && System.nanoTime() - s.loadedAtNanos() < config.catalogRefresh().toNanos()) {
      return Uni.createFrom().item(this);
    }
    return pool.query(CATALOG_SQL)
        .execute()
        .map(
            rows -> {
              var all = StreamSupport.stream(rows.spliterator(), false).toList();
              snapshot =
                  new Snapshot(
                      all.stream().map(r -> r.getString(0)).collect(Collectors.toUnmodifiableSet()),
                      all.stream()
                          .map(r -> r.getString(0) + "/" + r.getString(1))
                          .collect(Collectors.toUnmodifiableSet()),
                      System.nanoTime());
              return this;
            });
  }

  public boolean hasDomain(String domain) {
    Snapshot s = snapshot;
    return s != null && s.domains().contains(domain);
  }

  /** True when {@code type} is registered in {@code domain}, or in any domain when it is null. */
  public boolean hasType(String domain, String type) {
    Snapshot s = snapshot;
    if (s == null) {
      return false;
    }
    if (domain != null) {
      return s.types().contains(domain + "/" + type);
    }
    return s.types().stream().anyMatch(t -> t.endsWith("/" + type));
  }
}
