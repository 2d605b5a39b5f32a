package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.http.ApiError;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ApiFallbackMappersTest {

  final ApiFallbackMappers mappers = new ApiFallbackMappers();

  @Test
  void anUnexpectedFailureIsAJson500WithoutItsDetail() {
    Response r = mappers.unexpected(new IllegalStateException("row 42 of signal.secret"));
    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(r.getEntity()).isEqualTo(new ApiError("internal", "Internal error"));
  }

  @Test
  void anUnreachableDatabaseIs503() {
    assertThat(mappers.unexpected(new RuntimeException(new ConnectException("refused"))))
        .extracting(Response::getStatus, Response::getEntity)
        .containsExactly(503, new ApiError("unavailable", "The database could not answer"));
    assertThat(mappers.connection(ClosedConnectionException.INSTANCE).getStatus()).isEqualTo(503);
    assertThat(mappers.database(new PgException("too many", "FATAL", "53300", null)).getStatus())
        .isEqualTo(503);
  }

  @Test
  void aGrantOrSchemaErrorIsA500NotAnOutage() {
    Response r = mappers.database(new PgException("permission denied", "ERROR", "42501", null));
    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(r.getEntity()).isEqualTo(new ApiError("internal", "Internal error"));
  }
}
