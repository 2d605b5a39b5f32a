package io.pgsignal.exposure.api;

import io.pgsignal.schema.http.ApiError;
import io.pgsignal.schema.http.ApiException;

/** Refusals with the codes the API documents, rendered as {@link ApiError}. */
public final class ApiErrors {

  private ApiErrors() {}

  public static ApiException unauthorized(String error, String message) {
    return new ApiException(401, error, message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "body_too_large", message);
  }
}
