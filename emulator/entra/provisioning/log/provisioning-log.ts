/** Graph `provisioningStep.provisioningStepType`. */
export type ProvisioningStepType =
  "import" | "scoping" | "matching" | "processing" | "referenceResolution" | "export";
export type ProvisioningStatus = "success" | "warning" | "failure" | "skipped";
/** Graph `provisioningAction`. */
export type ProvisioningAction = "create" | "update" | "delete" | "disable" | "stagedDelete" | "other";

/** Graph `provisioningStep` (https://learn.microsoft.com/graph/api/resources/provisioningstep). */
export type ProvisioningStep = {
  name: string;
  provisioningStepType: ProvisioningStepType;
  status: ProvisioningStatus;
  description: string;
  details: Record<string, string>;
};

/**
 * Error codes of the provisioning logs
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs).
 */
export const PROVISIONING_ERROR_CODES = [
  "EntryConflict",
  /** Assumed name: a mapping expression failed for this object (e.g. CDate of a non-date). */
  "ExpressionEvaluationFailed",
  /** The target attribute takes one value but the source has several (howto-analyze-provisioning-logs). */
  "SchemaPropertyCanOnlyAcceptValue",
  "InvalidAnchor",
  "DuplicateTargetEntries",
  "ImportSkipped",
  "RedundantExport",
  "NotEffectivelyEntitled",
  "AttributeValidationFailed",
  "TooManyRequests",
  "InternalServerError",
  "Unauthorized",
  "UnprocessableEntity",
  "WebExceptionProtocolError",
  "Timeout",
  "SystemForCrossDomainIdentityManagementServiceIncompatible",
  "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse",
  "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
  "UnableToResolveReferenceAttributeValue",
  "PropertyNotExported",
  "MethodNotAllowed",
  "NotImplemented",
  "SkipOutOfScopeDeletions",
] as const;
export type ProvisioningErrorCode = (typeof PROVISIONING_ERROR_CODES)[number];

export type ErrorInformation = {
  errorCode: ProvisioningErrorCode;
  reason: string;
  additionalDetails: string | null;
  errorCategory: "failure" | "nonServiceFailure" | "success";
  recommendedAction: string | null;
};

/**
 * Graph `provisioningObjectSummary`
 * (https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary).
 */
export type ProvisioningLogRecord = {
  id: string;
  activityDateTime: string;
  tenantId: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  durationInMilliseconds: number;
  provisioningAction: ProvisioningAction;
  provisioningStatusInfo: { status: ProvisioningStatus; errorInformation: ErrorInformation | null };
  provisioningSteps: ProvisioningStep[];
  modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
  servicePrincipal: { id: string; displayName: string };
  sourceIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  targetIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  sourceSystem: { id: string | null; displayName: string; details: Record<string, string> };
  targetSystem: { id: string | null; displayName: string; details: Record<string, string> };
  initiatedBy: { id: string; displayName: string; initiatorType: "system" | "user" };
};

/** A readable one-record summary, for the CLI. */
export function formatLogRecord(record: ProvisioningLogRecord): string {
  const status = record.provisioningStatusInfo.status.toUpperCase();
  const error = record.provisioningStatusInfo.errorInformation;
  const lines = [
    `${status.padEnd(7)} ${record.provisioningAction.padEnd(7)} ${record.sourceIdentity.displayName}${record.targetIdentity.id ? ` → ${record.targetIdentity.id}` : ""}`,
  ];
  if (error) lines.push(`        ${error.errorCode}: ${error.reason}`);
  for (const step of record.provisioningSteps) {
    lines.push(`        [${step.status}] ${step.name}: ${step.description}`);
  }
  for (const property of record.modifiedProperties) {
    lines.push(
      `        ${property.displayName}: ${property.oldValue ?? "(none)"} → ${property.newValue ?? "(none)"}`,
    );
  }
  return lines.join("\n");
}
