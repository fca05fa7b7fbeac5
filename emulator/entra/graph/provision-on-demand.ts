import type { ProvisioningLogRecord } from "../provisioning/provisioning-log.ts";

/**
 * The Graph provisionOnDemand answer: a `stringKeyStringValuePair` whose key and value are JSON
 * strings (synchronization-synchronizationjob-provisionondemand.md, entra.md §6.2).
 */
export function toOnDemandResponse(record: ProvisioningLogRecord): {
  "@odata.type": string;
  key: string;
  value: string;
} {
  const status = record.provisioningStatusInfo.status;
  const error = record.provisioningStatusInfo.errorInformation;
  const result =
    status === "success"
      ? "Success"
      : status === "skipped"
        ? "Skipped"
        : status === "warning"
          ? "Warning"
          : "Failure";
  const key = { result, details: error ? { errorCode: error.errorCode, errorMessage: error.reason } : {} };
  const value = {
    action:
      record.provisioningAction === "create"
        ? "Create"
        : record.provisioningAction === "update"
          ? "Update"
          : record.provisioningAction === "disable"
            ? "Disable"
            : record.provisioningAction === "delete"
              ? "Delete"
              : "Other",
    changeId: record.changeId,
    cycleId: record.cycleId,
    modifiedProperties: record.modifiedProperties.map((property) => ({
      displayName: property.displayName,
      oldValue: property.oldValue,
      newValue: property.newValue,
    })),
    provisioningSteps: record.provisioningSteps.map((step) => ({
      name: step.name,
      type: step.provisioningStepType,
      status: step.status,
      description: step.description,
      timestamp: record.activityDateTime,
      details: step.details,
    })),
    reportableIdentifier: record.sourceIdentity.displayName,
    statusInfo: {
      "@odata.type": "microsoft.graph.statusDetails",
      status: result,
      ...(error
        ? { errorCode: error.errorCode, reason: error.reason, additionalDetails: error.additionalDetails }
        : {}),
    },
    sourceIdentity: { identityType: "User", id: record.sourceIdentity.id, details: {} },
    sourceSystem: { name: "Azure Active Directory", details: {} },
    targetIdentity: {
      identityType: record.targetIdentity.identityType,
      id: record.targetIdentity.id,
      details: {},
    },
    targetSystem: { name: "customappsso", details: {} },
  };
  return {
    "@odata.type": "#microsoft.graph.stringKeyStringValuePair",
    key: JSON.stringify(key),
    value: JSON.stringify(value),
  };
}
