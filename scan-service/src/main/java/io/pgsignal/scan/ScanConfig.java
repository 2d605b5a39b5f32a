package io.pgsignal.scan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every knob of scan-service ({@code signal.scan.*}); each is also settable by its env variable.
 */
@ConfigMapping(prefix = "signal.scan")
public interface ScanConfig {

  /**
   * The bearer token that may trigger the scan (env {@code SCAN_TRIGGER_TOKEN}). Unset: every
   * trigger is refused with 401. Compared in constant time, never logged.
   */
  Optional<String> triggerToken();

  /** Advisory-lock key that makes the scan single flight across replicas. */
  @WithDefault("7305000000000001")
  long lockKey();

  /** How many runs {@code GET …/full-scan/runs} lists at most. */
  @WithDefault("20")
  int runsLimit();

  /**
   * The schedule of the deployed Kubernetes CronJob (Unix 5-field), compared with the policy by
   * {@code GET …/full-scan/cadence}. Unset: no CronJob deployed.
   */
  Optional<String> cronjobSchedule();

  /**
   * How often the cadence drift (policy vs Directus flow vs CronJob) is re-evaluated for metrics.
   */
  @WithDefault("60s")
  Duration cadenceCheckInterval();

  /** The optional in-process schedule. */
  Schedule schedule();

  /** Inputs of the generated registration artifacts (Directus flow, dot_tools, CronJob). */
  Registration registration();

  /** In-process schedule that follows {@code policy.birth_full_scan.cadence_cron}. */
  interface Schedule {
    /** Run the scan from this process on the policy's cadence (off: Directus or a CronJob does). */
    @WithDefault("false")
    boolean enabled();

    /** How often the policy is re-read; a changed cadence is applied without restart. */
    @WithDefault("30s")
    Duration policyPollInterval();
  }

  /** Values the registration artifacts are rendered with (the cadence comes from the policy). */
  interface Registration {
    /**
     * Base URL at which the Directus flow and the CronJob reach this service. The default is the
     * Service of deploy/k8s/pg-signal.yaml (port 80, in the CronJob's namespace).
     */
    @WithDefault("http://scan-service")
    String serviceUrl();

    /** Id of the Directus flow "[Birth] Onboarding Full Scan" (Directus needs ids supplied). */
    @WithDefault("b3f1c0c0-5ca1-4000-8000-000000000001")
    String directusFlowId();

    /** Id of the flow's HTTP request operation. */
    @WithDefault("b3f1c0c0-5ca1-4000-8000-000000000002")
    String directusOperationId();

    /** The tool_name of the dot_tools registration. */
    @WithDefault("birth-onboarding-full-scan")
    String toolName();

    /** Kubernetes namespace of the CronJob. */
    @WithDefault("pg-signal")
    String namespace();

    /** Image of the CronJob's one-shot HTTP client. */
    @WithDefault("curlimages/curl:8.10.1")
    String curlImage();
  }
}
