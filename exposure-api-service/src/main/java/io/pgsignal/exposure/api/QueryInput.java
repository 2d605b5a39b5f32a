package io.pgsignal.exposure.api;

import io.pgsignal.schema.http.ApiException;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict validation of query parameters, before any SQL: unknown or repeated parameters, values
 * outside their allow-list, malformed uuids, timestamps and limits are refused with a 400 {@code
 * {"error","message"}}.
 */
public final class QueryInput {

  public static final Set<String> STREAMS =
      Set.of("comment", "review", "update", "alert", "task", "health");
  public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,4}$");
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

  private QueryInput() {}

  /** Refuses parameters outside {@code allowed} and any parameter given more than once. */
  public static void onlyKnown(UriInfo uri, Set<String> allowed) {
    for (var entry : uri.getQueryParameters().entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw bad(
            "unknown_parameter",
            "Unknown query parameter; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (entry.getValue().stream().anyMatch(v -> v == null || v.isEmpty())) {
        throw bad("empty_parameter", "Query parameter " + entry.getKey() + " has no value");
      }
      if (entry.getValue().size() > 1) {
        throw bad(
            "repeated_parameter", "Query parameter " + entry.getKey() + " given more than once");
      }
    }
  }

  public static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    if (!DIGITS.matcher(value).matches()) {
      throw bad("invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
    int limit = Integer.parseInt(value);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw bad("invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  public static UUID uuid(String name, String value) {
    if (value == null) {
      return null;
    }
    if (!UUID_TEXT.matcher(value).matches()) {
      throw bad("invalid_" + name, name + " must be a uuid");
    }
    return UUID.fromString(value);
  }

  public static OffsetDateTime timestamp(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.length() > 40) {
        throw new DateTimeParseException("too long", value, 0);
      }
      OffsetDateTime at = OffsetDateTime.parse(value);
      if (at.getYear() < 1 || at.getYear() > 9999) {
        throw new DateTimeParseException("out of range", value, 0);
      }
      return at;
    } catch (DateTimeParseException e) {
      throw bad(
          "invalid_" + name,
          name + " must be an ISO-8601 timestamp with offset, e.g. 2026-05-08T10:00:00Z");
    }
  }

  public static String oneOf(String name, String value, Set<String> allowed) {
    if (value == null) {
      return null;
    }
    if (!allowed.contains(value)) {
      throw bad(
          "invalid_" + name,
          name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  public static boolean bool(String name, String value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad("invalid_" + name, name + " must be true or false");
    };
  }

  /** A registered domain, or null. */
  public static String domain(Catalog catalog, String value) {
    if (value == null) {
      return null;
    }
    if (!NAME.matcher(value).matches() || !catalog.hasDomain(value)) {
      throw bad("invalid_domain", "domain is not a registered event domain");
    }
    return value;
  }

  /** A registered event type (of {@code domain} when given), or null. */
  public static String type(Catalog catalog, String domain, String value) {
    if (value == null) {
      return null;
    }
    if (!NAME.matcher(value).matches() || !catalog.hasType(domain, value)) {
      throw bad(
          "invalid_type",
          "type is not a registered event type" + (domain == null ? "" : " of that domain"));
    }
    return value;
  }

  public static ApiException bad(String error, String message) {
    return ApiException.badRequest(error, message);
  }
}
