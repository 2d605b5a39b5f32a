package io.pgsignal.exposure.identity;

import io.pgsignal.schema.http.ApiError;
import io.pgsignal.schema.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates requests to endpoints annotated with {@link RequiresActor} or {@link
 * RequiresReader} (on the method or its class) and puts the caller into {@link CallerIdentity}.
 * Other endpoints are untouched. Refusals are {@code {"error","message"}} 401/403 bodies.
 */
public class IdentityFilter {

  private final IdentityResolver resolver;
  private final CallerIdentity identity;

  public IdentityFilter(IdentityResolver resolver, CallerIdentity identity) {
    this.resolver = resolver;
    this.identity = identity;
  }

  @ServerRequestFilter
  public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo info) {
    Method method = info.getResourceMethod();
    if (method == null) {
      return Uni.createFrom().nullItem();
    }
    Class<?> type = info.getResourceClass();
    boolean actor = has(method, type, RequiresActor.class);
    boolean reader = has(method, type, RequiresReader.class);
    if (!actor && !reader) {
      return Uni.createFrom().nullItem();
    }
    return resolver
        .resolve(request.getHeaderString(HttpHeaders.AUTHORIZATION))
        .map(
            caller -> {
              if (actor && !caller.hasActor()) {
                return ApiError.response(
                    401, "unknown_actor", "The token's user is not mapped to a signal actor");
              }
              if (reader && !caller.reader()) {
                return ApiError.response(
                    403, "forbidden", "The caller is not in the configured read role");
              }
              identity.set(caller);
              return (Response) null;
            })
        .onFailure(ApiException.class)
        .recoverWithItem(e -> ((ApiException) e).toResponse());
  }

  private static boolean has(
      Method method, Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
    return method.isAnnotationPresent(annotation)
        || (type != null && type.isAnnotationPresent(annotation));
  }
}
