package io.pgsignal.exposure.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the exposure API (identity, paging, polling, live stream). Every knob has a default;
 * each can be set by its environment variable (e.g. {@code SIGNAL_EXPOSURE_READ_ROLE}). Bounds are
 * checked at startup ({@link ExposureConfigBounds}): counts and sizes at least 1, intervals at
 * least 1 s, the cache TTL not negative.
 */
@ConfigMapping(prefix = "signal.exposure")
public interface ExposureConfig {

  /**
   * Directus' {@code SECRET}: verifies Directus access tokens (JWT HS256). Empty: Directus tokens
   * are refused and only agent tokens work. Set from {@code DIRECTUS_SECRET}; never logged.
   */
  Optional<String> directusSecret();

  /** The {@code iss} claim a Directus access token must carry. */
  @WithDefault("directus")
  String directusIssuer();

  /**
   * Directus role ids ({@code role} claim) whose users may read the board and the registries pivot
   * even without membership of {@link #readRole()}.
   */
  Optional<List<String>> directusReadRoles();

  /**
   * Signal role whose members may read the board and the registries pivot (a token carries read
   * permission through its actor: {@code SELECT signal.add_role_member('role:signal_readers',
   * 'agent:codex')}).
   */
  @WithDefault("role:signal_readers")
  String readRole();

  /** How long a resolved token → actor mapping is reused before it is looked up again. */
  @WithDefault("30s")
  Duration identityCacheTtl();

  /** Poll-interval hint sent to clients in the {@code X-Poll-Interval} header (seconds). */
  @WithDefault("15s")
  Duration pollInterval();

  /**
   * Interval of SSE heartbeats; each one also re-checks the inbox (a missed NOTIFY only delays).
   */
  @WithDefault("15s")
  Duration streamHeartbeat();

  /** Most deliveries one SSE query sends at once (a longer backlog is sent in several pages). */
  @WithDefault("200")
  int streamPageSize();

  /** Largest accepted request body, in bytes (read/ack bodies); larger → 413. */
  @WithDefault("65536")
  int maxBodyBytes();

  /** Most event ids one read/ack request may carry. */
  @WithDefault("500")
  int maxEventIds();

  /** How often the registered catalog (domains, types) used to validate filters is reloaded. */
  @WithDefault("60s")
  Duration catalogRefresh();
}
