package io.pgsignal.exposure.pivot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pgsignal.schema.http.ApiException;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registries pivot's only database access: one read of one view or function per call, with
 * bound parameters, mapped row by row into records without computing anything (seed 004: "a shaper,
 * not a calculator"). Every statement sent is counted in {@code signal.pivot.queries} (tag {@code
 * query}), which also lets tests show that a refused request ran no SQL. The statements are public
 * so that the benchmark's direct baseline (system-tests) sends exactly the same text.
 */
@ApplicationScoped
public class PivotReads {

  static final String QUERIES_METRIC = "signal.pivot.queries";

  /** Undefined table / function: the optional platform location was left out of this database. */
  private static final Set<String> SCHEMA_MISSING = Set.of("42P01", "42883");

  public static final String LISTS =
      """
      SELECT code, name, entity_type, composition_level, list_count, count_source, pivot_code,
             pivot_backed, pivot_count, badge, count_integrity_status, refreshed_at
      FROM public.v_living_lists
      WHERE code > $1 AND ($2::text IS NULL OR entity_type = $2::text)
      ORDER BY code
      LIMIT $3::int + 1
      """;

  public static final String INTEGRITY =
      """
      SELECT leaf_rows, sum_record, sum_actual, net_gap, drift_rows, unverified_rows, pivot_backed,
             pivot_missing, pivot_stale, oldest_refreshed_at, status
      FROM public.v_count_integrity
      """;

  public static final String DRIFT =
      """
      SELECT code, name, entity_type, record_count, actual_count, gap, drift_side,
             drift_classification, pivot_code, refreshed_at, badge
      FROM public.v_count_drift
      WHERE code > $1
      ORDER BY code
      LIMIT $2::int + 1
      """;

  public static final String TREE_ROOTS =
      """
      SELECT node_code, parent_code, name, entity_type, composition_level, is_root, has_children,
             lifecycle
      FROM public.v_registries_pivot_tree
      WHERE is_root AND node_code > $1
      ORDER BY node_code
      LIMIT $2::int + 1
      """;

  public static final String TREE_CHILDREN =
      """
      SELECT node_code, parent_code, name, entity_type, composition_level, is_root, has_children,
             lifecycle
      FROM public.v_registries_pivot_tree
      WHERE parent_code = $1 AND node_code > $2
      ORDER BY node_code
      LIMIT $3::int + 1
      """;

  public static final String NODE =
      """
      SELECT code, name, entity_type, composition_level, parent_code, is_root, has_children,
             child_count, lifecycle, record_count, actual_count, count_source, pivot_code,
             pivot_backed, pivot_count, badge, count_integrity_status, gap, refreshed_at, pivot_stale
      FROM public.fn_registries_pivot_node_substrate($1)
      """;

  public static final String COUNT =
      """
      SELECT code, name, source, value, pivot_backed, badge, refreshed_at, pivot_stale
      FROM public.pivot_query($1)
      """;

  public static final String HEALTH =
      """
      SELECT status, catalog_nodes, pivot_definitions, pivot_results, pivots_never_refreshed,
             pivots_stale, oldest_refreshed_at, newest_refreshed_at
      FROM public.v_registries_pivot_health
      """;

  /**
   * Every statement this class sends, by metric tag; counters are registered once, not per call.
   */
  private static final List<String> QUERY_NAMES =
      List.of(
          "lists", "integrity", "drift", "tree_roots", "tree_children", "node", "count", "health");

  private final Pool pool;
  private final Map<String, Counter> queries;

  PivotReads(@ReactiveDataSource("exposure") Pool pool, MeterRegistry metrics) {
    this.pool = pool;
    this.queries =
        QUERY_NAMES.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    name -> name, name -> metrics.counter(QUERIES_METRIC, "query", name)));
  }

  Uni<PivotPage<LivingList>> lists(String after, String entityType, int limit) {
    Tuple args = Tuple.tuple().addString(cursor(after)).addString(entityType).addInteger(limit);
    return page("lists", LISTS, args, limit, LivingList::from, LivingList::code);
  }

  Uni<CountIntegrity> integrity() {
    return run("integrity", INTEGRITY, Tuple.tuple())
        .map(rows -> CountIntegrity.from(rows.iterator().next()));
  }

  Uni<PivotPage<CountDrift>> drift(String after, int limit) {
    Tuple args = Tuple.tuple().addString(cursor(after)).addInteger(limit);
    return page("drift", DRIFT, args, limit, CountDrift::from, CountDrift::code);
  }

  Uni<PivotPage<TreeNode>> tree(String parent, String after, int limit) {
    if (parent == null) {
      Tuple args = Tuple.tuple().addString(cursor(after)).addInteger(limit);
      return page("tree_roots", TREE_ROOTS, args, limit, TreeNode::from, TreeNode::nodeCode);
    }
    Tuple args = Tuple.tuple().addString(parent).addString(cursor(after)).addInteger(limit);
    return page("tree_children", TREE_CHILDREN, args, limit, TreeNode::from, TreeNode::nodeCode);
  }

  /** Zero rows from the function means the code names no node: 404 unknown_node. */
  Uni<NodeSubstrate> node(String code) {
    return run("node", NODE, Tuple.of(code))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("unknown_node", "No catalog node has code " + code);
              }
              return NodeSubstrate.from(rows.iterator().next());
            });
  }

  Uni<PivotValue> count(String pivotCode) {
    return run("count", COUNT, Tuple.of(pivotCode))
        .map(rows -> PivotValue.from(rows.iterator().next()));
  }

  Uni<PivotHealth> health() {
    return run("health", HEALTH, Tuple.tuple())
        .map(rows -> PivotHealth.from(rows.iterator().next()));
  }

  private <T> Uni<PivotPage<T>> page(
      String name,
      String sql,
      Tuple args,
      int limit,
      Function<Row, T> mapper,
      Function<T, String> key) {
    return run(name, sql, args)
        .map(
            rows -> {
              List<T> items = new ArrayList<>(rows.size());
              rows.forEach(row -> items.add(mapper.apply(row)));
              return PivotPage.of(items, limit, key);
            });
  }

  private Uni<RowSet<Row>> run(String name, String sql, Tuple args) {
    queries.get(name).increment();
    return pool.preparedQuery(sql).execute(args).onFailure(PgException.class).transform(this::map);
  }

  private Throwable map(Throwable failure) {
    if (failure instanceof PgException pg && SCHEMA_MISSING.contains(pg.getSqlState())) {
      return new ApiException(
          503,
          "pivot_schema_missing",
          "The registries pivot views are not installed in this database (db/platform location)");
    }
    return failure;
  }

  /** Keyset cursor: codes are never empty, so '' sorts before every code (first page). */
  private static String cursor(String after) {
    return after == null ? "" : after;
  }
}
