package io.pgsignal.exposure.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgsignal.schema.http.ApiError;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals made outside JAX-RS get the API's {@link ApiError} body instead of an empty one: a
 * request URI that {@code java.net.URI} cannot parse (malformed percent-encoding such as {@code
 * %zz}; the check Quarkus would make before routing, see {@link io.pgsignal.exposure.ExposureMain})
 * a declared {@code Content-Length} over {@code quarkus.http.limits.max-body-size} (413), and any
 * 400/413 that a Vert.x handler fails the request with. A chunked body that outgrows the limit is
 * still cut off by Quarkus with an empty 413.
 */
@ApplicationScoped
public class VertxErrorBodies {

  /** Compiled once: this check runs on every request (String.matches compiled it each time). */
  private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

  private final ObjectMapper json;
  private final long maxBodyBytes;

  public VertxErrorBodies(
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
    this.json = json;
    this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
  }

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::refuseEarly);
    router.route().order(Integer.MIN_VALUE).failureHandler(this::renderFailure);
  }

  /**
   * Refuses before Quarkus would, with a body: an unparsable URI, a declared body over the limit.
   */
  void refuseEarly(RoutingContext ctx) {
    try {
      new URI(ctx.request().uri());
    } catch (URISyntaxException e) {
      end(ctx, 400, new ApiError("invalid_url", "The request URL is not valid (percent-encoding)"));
      return;
    }
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null
        && LENGTH.matcher(length).matches()
        && Long.parseLong(length) > maxBodyBytes) {
      end(ctx, 413, new ApiError("body_too_large", "The request body is too large"));
      return;
    }
    ctx.next();
  }

  void renderFailure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (ctx.response().headWritten() || (status != 400 && status != 413)) {
      ctx.next();
      return;
    }
    end(
        ctx,
        status,
        status == 400
            ? new ApiError("bad_request", "The request could not be read")
            : new ApiError("body_too_large", "The request body is too large"));
  }

  private void end(RoutingContext ctx, int status, ApiError error) {
    String body;
    try {
      body = json.writeValueAsString(error);
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"" + error.error() + "\"}";
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }
}
