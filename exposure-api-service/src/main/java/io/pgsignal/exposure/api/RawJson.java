package io.pgsignal.exposure.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A 200 whose body is JSON text PostgreSQL built (jsonb::text), sent as is without re-parsing. */
public final class RawJson {

  private RawJson() {}

  public static Response ok(String json) {
    return Response.ok(json, MediaType.APPLICATION_JSON).build();
  }
}
