package io.pgsignal.scan.registration;

import io.pgsignal.scan.ScanConfig;

/** What the artifacts are rendered from: the policy cron plus the registration settings. */
public record RegistrationInputs(
    String policyCron,
    String serviceUrl,
    String flowId,
    String operationId,
    String toolName,
    String namespace,
    String curlImage) {

  public static RegistrationInputs of(String policyCron, ScanConfig.Registration r) {
    return new RegistrationInputs(
        policyCron,
        r.serviceUrl(),
        r.directusFlowId(),
        r.directusOperationId(),
        r.toolName(),
        r.namespace(),
        r.curlImage());
  }
}
