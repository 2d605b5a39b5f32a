package io.pgsignal.scan.scan;

import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
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

  static final String UNDEFINED_TABLE = "42P01";
  static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** The two policy values as stored; absent key (or absent dot_config) → empty. */
  public record Values(Optional<String> enabled, Optional<String> cadenceCron) {}

  private final Pool pool;

  public ScanPolicy(Pool pool) {
    this.pool = pool;
  }

  /**
   * The policy; an absent dot_config reads as absent keys. A dot_config the role may not read is
   * not absent — it fails with 503 {@code policy_unreadable}, as the scan itself refuses (503
   * {@code kill_switch_unreadable}) instead of guessing; any other error propagates.
   */
  public Uni<Values> read() {
    return pool.query(POLICY_SQL)
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Values(
                  Optional.ofNullable(r.getString(0)), Optional.ofNullable(r.getString(1)));
            })
        .onFailure(e -> sqlState(e, UNDEFINED_TABLE))
        .recoverWithItem(new Values(Optional.empty(), Optional.empty()))
        .onFailure(e -> sqlState(e, INSUFFICIENT_PRIVILEGE))
        .transform(
            e ->
                new ApiException(
                    503,
                    "policy_unreadable",
                    "the service's database role may not read public.dot_config: "
                        + e.getMessage()));
  }

  private static boolean sqlState(Throwable e, String state) {
    return e instanceof PgException pg && state.equals(pg.getSqlState());
  }
}
