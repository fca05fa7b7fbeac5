import type { Outcome } from "./log-record.ts";
import type {
  ErrorInformation,
  ProvisioningAction,
  ProvisioningStatus,
  ProvisioningStep,
  ProvisioningStepType,
} from "./provisioning-log.ts";

/**
 * The steps a log record can hold, by what they report: Graph `provisioningStep` names and types
 * (https://learn.microsoft.com/graph/api/resources/provisioningstep). `EntryImport` is both the
 * import of the source object and the lookup of the target one.
 */
export const STEPS = {
  import: { name: "EntryImport", type: "import" },
  scoping: { name: "EntrySynchronizationScoping", type: "scoping" },
  match: { name: "EntryImport", type: "matching" },
  add: { name: "EntrySynchronizationAdd", type: "matching" },
  skip: { name: "EntrySynchronizationSkip", type: "processing" },
  update: { name: "EntrySynchronizationUpdate", type: "processing" },
  error: { name: "EntrySynchronizationError", type: "processing" },
  exportAdd: { name: "EntryExportAdd", type: "export" },
  exportUpdate: { name: "EntryExportUpdate", type: "export" },
  exportSoftDelete: { name: "EntryExportUpdateSoftDelete", type: "export" },
  exportDelete: { name: "EntryExportDelete", type: "export" },
  reference: { name: "EntryReferenceResolution", type: "referenceResolution" },
} as const satisfies Record<string, { name: string; type: ProvisioningStepType }>;
export type StepKind = keyof typeof STEPS;

/**
 * The details of a step (or of a record's source or target system) that has none, one frozen
 * object for all of them: a ring of 10,000 records need not keep an empty object (56 bytes) each.
 */
export const NO_STEP_DETAILS: Record<string, string> = Object.freeze({});

/** One provisioning step of a log record. */
export function step(
  kind: StepKind,
  status: ProvisioningStatus,
  description: string,
  details: Record<string, string> = NO_STEP_DETAILS,
): ProvisioningStep {
  const { name, type } = STEPS[kind];
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
