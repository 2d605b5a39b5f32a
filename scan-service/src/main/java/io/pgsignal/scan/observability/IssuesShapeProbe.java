package io.pgsignal.scan.observability;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the live shape of {@code public.system_issues}, at every call (it can change under us). */
@ApplicationScoped
public class IssuesShapeProbe {

  static final String SHAPE_SQL = "SELECT signal.birth_full_scan_issues_shape()";

  private final Pool pool;

  public IssuesShapeProbe(Pool pool) {
    this.pool = pool;
  }

  public Uni<IssuesShape> probe() {
    return pool.query(SHAPE_SQL)
        .execute()
        .map(rows -> IssuesShape.from((JsonObject) rows.iterator().next().getValue(0)));
  }
}
