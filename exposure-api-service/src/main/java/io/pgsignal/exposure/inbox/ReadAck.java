package io.pgsignal.exposure.inbox;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The two writes of the API, each one SECURITY DEFINER function call for the caller's own actor.
 * The result JSON (counts) comes from the function as it is.
 */
@ApplicationScoped
public class ReadAck {

  static final String MARK_READ_SQL = "SELECT signal.mark_read($1, $2)::text";
  static final String ACKNOWLEDGE_SQL = "SELECT signal.acknowledge($1, $2)::text";

  private final Pool pool;

  public ReadAck(@ReactiveDataSource("exposure") Pool pool) {
    this.pool = pool;
  }

  public Uni<String> markRead(String actor, UUID[] eventIds) {
    return call(MARK_READ_SQL, actor, eventIds);
  }

  public Uni<String> acknowledge(String actor, UUID[] eventIds) {
    return call(ACKNOWLEDGE_SQL, actor, eventIds);
  }

  private Uni<String> call(String sql, String actor, UUID[] eventIds) {
    return pool.preparedQuery(sql)
        .execute(Tuple.tuple().addString(actor).addArrayOfUUID(eventIds))
        .map(rows -> rows.iterator().next().getString(0));
  }
}
