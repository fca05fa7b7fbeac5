import { isExpressionError } from "../expression/expression-error.ts";
import { MultipleValuesError } from "./target-entries.ts";
import type { Outcome } from "./engine-run.ts";
import type {
  ErrorInformation,
  ProvisioningAction,
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

/** The outcome of an object that was skipped, with nothing modified. */
export function skippedOutcome(
  action: ProvisioningAction,
  errorCode: ErrorInformation["errorCode"],
  reason: string,
  targetId = "",
): Outcome {
  return { action, status: "skipped", error: skippedBecause(errorCode, reason), targetId, modified: [] };
}

/**
 * Runs an object's export; a mapping that fails for this object's values (an expression error, or
 * several values for a single-valued target) fails the object (logged, escrowed, retried) instead of
 * the whole run, as one bad value does in Entra.
 */
export async function guardMappings<T extends Outcome | null>(
  run: () => Promise<T>,
  steps: ProvisioningStep[],
): Promise<T | Outcome> {
  try {
    return await run();
  } catch (error) {
    const failure = mappingFailure(error);
    if (!failure) throw error;
    steps.push(step("EntrySynchronizationError", "processing", "failure", failure.reason));
    return { action: "other", status: "failure", error: failure, targetId: "", modified: [] };
  }
}

function mappingFailure(error: unknown): ErrorInformation | null {
  if (isExpressionError(error)) {
    return failedBecause(
      "ExpressionEvaluationFailed",
      `An attribute mapping expression could not be evaluated: ${error.message}`,
    );
  }
  if (error instanceof MultipleValuesError)
    return failedBecause("SchemaPropertyCanOnlyAcceptValue", error.message);
  return null;
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
