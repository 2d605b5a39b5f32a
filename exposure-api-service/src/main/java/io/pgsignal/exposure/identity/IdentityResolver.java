package io.pgsignal.exposure.identity;

import io.pgsignal.exposure.api.ApiErrors;
import io.pgsignal.exposure.api.ExposureConfig;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns an {@code Authorization} header into a {@link Caller}: a Directus access token (verified
 * here, user mapped by {@code signal.actor.directus_user_id}) or an agent token (looked up by its
 * SHA-256). Resolved identities are cached for {@code identity-cache-ttl}, keyed by the token hash
 * or the verified Directus user, never by the token text.
 */
@ApplicationScoped
public class IdentityResolver {

  static final String LOOKUP_SQL =
      """
      SELECT actor_ref, kind, is_reader FROM signal.exposure_identity($1, $2, $3)
      """;

  private static final Pattern AGENT_TOKEN = Pattern.compile("^sgt_[0-9a-f]{64}$");
  private static final int CACHE_LIMIT = 50_000;

  private record Cached(Caller caller, long expiresAtNanos) {}

  private final Pool pool;
  private final ExposureConfig config;
  private final DirectusTokenVerifier directus;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public IdentityResolver(
      @ReactiveDataSource("exposure") Pool pool,
      ExposureConfig config,
      DirectusTokenVerifier directus) {
    this.pool = pool;
    this.config = config;
    this.directus = directus;
  }

  public Uni<Caller> resolve(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Uni.createFrom()
          .failure(ApiErrors.unauthorized("missing_token", "Send Authorization: Bearer <token>"));
    }
    if (authorization.length() > 8192 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Uni.createFrom().failure(invalid());
    }
    String token = authorization.substring(7).trim();
    try {
      if (AGENT_TOKEN.matcher(token).matches()) {
        byte[] hash = sha256(token);
        return cached("a:" + HexFormat.of().formatHex(hash), hash, null, null);
      }
      var claims = directus.verify(token);
      return cached(
          "d:" + claims.userId() + ":" + claims.role(), null, claims.userId(), claims.role());
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private Uni<Caller> cached(String key, byte[] hash, UUID directusUser, String directusRole) {
    long now = System.nanoTime();
    Cached hit = cache.get(key);
    if (hit != null && hit.expiresAtNanos() - now > 0) {
      return Uni.createFrom().item(hit.caller());
    }
    return pool.preparedQuery(LOOKUP_SQL)
        .execute(
            Tuple.of(hash == null ? null : Buffer.buffer(hash), directusUser, config.readRole()))
        .map(
            rows -> {
              Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
              Caller caller = toCaller(row, hash != null, directusRole);
              if (cache.size() > CACHE_LIMIT) {
                cache.clear();
              }
              cache.put(key, new Cached(caller, now + config.identityCacheTtl().toNanos()));
              return caller;
            });
  }

  private Caller toCaller(Row row, boolean agent, String directusRole) {
    boolean roleReader =
        directusRole != null && config.directusReadRoles().orElse(List.of()).contains(directusRole);
    if (row == null) {
      if (agent) {
        throw invalid();
      }
      return new Caller(null, roleReader);
    }
    return new Caller(row.getString("actor_ref"), row.getBoolean("is_reader") || roleReader);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static RuntimeException invalid() {
    return ApiErrors.unauthorized("invalid_token", "The bearer token is not valid");
  }
}
