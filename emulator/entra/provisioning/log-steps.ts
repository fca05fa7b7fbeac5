import type {
  ErrorInformation,
  ProvisioningStatus,
  ProvisioningStep,
  ProvisioningStepType,
} from "./provisioning-log.ts";

/** One provisioning step of a log record (Graph `provisioningStep`, entra.md §6.2). */
export function step(
  name: string,
  type: ProvisioningStepType,
  status: ProvisioningStatus,
  description: string,
  details: Record<string, string> = {},
): ProvisioningStep {
  return { name, provisioningStepType: type, status, description, details };
}

/** The error information of a skipped object (errorCategory `success`, as skips are not failures). */
export function skippedBecause(errorCode: ErrorInformation["errorCode"], reason: string): ErrorInformation {
  return { errorCode, reason, additionalDetails: null, errorCategory: "success", recommendedAction: null };
}

/** The error information of a failed object caused by the target (errorCategory `nonServiceFailure`). */
export function failedBecause(errorCode: ErrorInformation["errorCode"], reason: string): ErrorInformation {
  return {
    errorCode,
    reason,
    additionalDetails: null,
    errorCategory: "nonServiceFailure",
    recommendedAction: null,
  };
}
