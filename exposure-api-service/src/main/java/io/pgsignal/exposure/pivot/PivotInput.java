package io.pgsignal.exposure.pivot;

import io.pgsignal.schema.http.ApiException;
import java.util.regex.Pattern;

/**
 * The allow-list every caller-supplied value of the registries pivot passes before any SQL runs
 * (seed 004 §F). The patterns are the same as the CHECK constraints of {@code public.meta_catalog}
 * and {@code public.pivot_definition}, so a value that fails here cannot name a stored node anyway.
 * A refusal is {@code 400 {"error": "invalid_<what>"}} and no statement reaches the database.
 */
final class PivotInput {

  /** Catalog node codes: {@code CAT-} then dash-separated upper-case letters and digits. */
  static final Pattern NODE_CODE = Pattern.compile("^CAT-[A-Z0-9]+(-[A-Z0-9]+)*$");

  /** Pivot codes: {@code PIV-} then dash-separated upper-case letters and digits. */
  static final Pattern PIVOT_CODE = Pattern.compile("^PIV-[A-Z0-9]+(-[A-Z0-9]+)*$");

  /** Entity types: lower-case snake case. */
  static final Pattern ENTITY_TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

  static final int MAX_CODE_LENGTH = 64;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private PivotInput() {}

  static String nodeCode(String value, String name) {
    return matching(value, NODE_CODE, name, "a catalog code like CAT-SPECIES-BIRDS");
  }

  static String pivotCode(String value, String name) {
    return matching(value, PIVOT_CODE, name, "a pivot code like PIV-BIRDS");
  }

  /** An optional node code (cursor or parent): absent stays null. */
  static String optionalNodeCode(String value, String name) {
    return value == null || value.isEmpty() ? null : nodeCode(value, name);
  }

  static String optionalEntityType(String value) {
    return value == null || value.isEmpty()
        ? null
        : matching(value, ENTITY_TYPE, "entity_type", "lower-case snake case");
  }

  /** Page size: absent means {@value #DEFAULT_LIMIT}; 1..{@value #MAX_LIMIT} otherwise. */
  static int limit(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    if (!value.matches("^[0-9]{1,3}$")) {
      throw invalid("limit", "an integer from 1 to " + MAX_LIMIT);
    }
    int limit = Integer.parseInt(value);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalid("limit", "an integer from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  /** {@code detail}: absent, or {@code drift}. */
  static boolean driftDetail(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (!"drift".equals(value)) {
      throw invalid("detail", "drift (or absent)");
    }
    return true;
  }

  private static String matching(String value, Pattern pattern, String name, String expected) {
    if (value == null || value.length() > MAX_CODE_LENGTH || !pattern.matcher(value).matches()) {
      throw invalid(name, expected);
    }
    return value;
  }

  private static ApiException invalid(String name, String expected) {
    return ApiException.badRequest("invalid_" + name, name + " must be " + expected);
  }
}
