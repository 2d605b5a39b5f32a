package io.pgsignal.scan.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads the scan's policy from {@code public.dot_config}, the one truth (seed 000 §B). */
@ApplicationScoped
public class ScanPolicy {

  public static final String ENABLED_KEY = "policy.birth_full_scan.enabled";
  public static final String CADENCE_KEY = "policy.birth_full_scan.cadence_cron";

  static final String POLICY_SQL =
      """
      SELECT max(value) FILTER (WHERE key = 'policy.birth_full_scan.enabled'),
             max(value) FILTER (WHERE key = 'policy.birth_full_scan.cadence_cron')
      FROM public.dot_config
      WHERE key IN ('policy.birth_full_scan.enabled', 'policy.birth_full_scan.cadence_cron')
      """;

  /** The two policy values as stored; absent key (or absent dot_config) → empty. */
  public record Values(Optional<String> enabled, Optional<String> cadenceCron) {}

  private final Pool pool;

  public ScanPolicy(Pool pool) {
    this.pool = pool;
  }

  public Uni<Values> read() {
    return pool.query(POLICY_SQL)
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Values(
                  Optional.ofNullable(r.getString(0)), Optional.ofNullable(r.getString(1)));
            })
        .onFailure(e -> e.getMessage() != null && e.getMessage().contains("dot_config"))
        .recoverWithItem(new Values(Optional.empty(), Optional.empty()));
  }
}
