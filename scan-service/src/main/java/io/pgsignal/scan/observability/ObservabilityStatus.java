package io.pgsignal.scan.observability;

/** How much of a run the live {@code public.system_issues} can hold (seed 000 §E). */
public enum ObservabilityStatus {
  /** A structured (json/jsonb) details column holds the whole summary. */
  FULL,
  /** Text only: the summary is written into the description; not structured observability. */
  PARTIAL,
  /** Mandatory columns cannot be mapped (or no table): nothing is written, operators decide. */
  BLOCKED_FOR_OBSERVABILITY_DECISION
}
