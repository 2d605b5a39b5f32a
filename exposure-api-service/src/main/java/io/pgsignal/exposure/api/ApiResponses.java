package io.pgsignal.exposure.api;

/** Descriptions shared by the OpenAPI annotations of the resources. */
public final class ApiResponses {

  private ApiResponses() {}

  public static final String BAD_REQUEST =
      "Invalid input: unknown or repeated parameter, unknown filter value, malformed uuid, cursor,"
          + " limit or timestamp ({\"error\",\"message\"})";
  public static final String UNAUTHORIZED =
      "Missing, expired or invalid bearer token, or a Directus user without a signal actor";
  public static final String FORBIDDEN = "The caller is not in the configured read role";
  public static final String NOT_MODIFIED = "Unchanged since the ETag sent in If-None-Match";
  public static final String POLL =
      "Every 200/304 carries X-Poll-Interval (seconds) and an ETag to send back in If-None-Match";
}
