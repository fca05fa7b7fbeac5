import { URN } from "../../../scim/index.ts";
import type { ProvisioningJob } from "../config/provisioning-job.ts";
import { NO_STEP_DETAILS } from "./log-steps.ts";
import type { ProvisioningLogRecord, ProvisioningStatus, ProvisioningStep } from "./provisioning-log.ts";

/** The identity a log record is about. */
export type LogIdentity = { id: string; displayName: string; type: "User" | "Group" };

/** The outcome of one object's export, before it becomes a log record. */
export type Outcome = {
  action: ProvisioningLogRecord["provisioningAction"];
  status: ProvisioningLogRecord["provisioningStatusInfo"]["status"];
  error: ProvisioningLogRecord["provisioningStatusInfo"]["errorInformation"];
  targetId: string;
  modified: ProvisioningLogRecord["modifiedProperties"];
};

/** One object's run as the log records it: which cycle, when it started, about whom, how it ended. */
export type LogEntry = {
  cycleId: string;
  started: Date;
  identity: LogIdentity;
  outcome: Outcome;
  steps: ProvisioningStep[];
};

/**
 * The Graph `provisioningObjectSummary` of one object's run
 * (https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary), finished now.
 */
export function buildLogRecord(
  source: { job: ProvisioningJob; runtime: { clock: () => Date; newId: () => string } },
  entry: LogEntry,
): ProvisioningLogRecord {
  const { job, runtime } = source;
  const { identity, outcome } = entry;
  const finished = runtime.clock();
  return {
    id: runtime.newId(),
    activityDateTime: finished.toISOString(),
    tenantId: job.tenantId,
    jobId: job.jobId,
    cycleId: entry.cycleId,
    changeId: runtime.newId(),
    durationInMilliseconds: Math.max(0, finished.getTime() - entry.started.getTime()),
    provisioningAction: outcome.action,
    provisioningStatusInfo:
      outcome.error === null
        ? STATUS_WITHOUT_ERROR[outcome.status]
        : { status: outcome.status, errorInformation: outcome.error },
    provisioningSteps: entry.steps,
    modifiedProperties: outcome.modified,
    servicePrincipal: { id: job.servicePrincipalId, displayName: job.displayName },
    sourceIdentity: {
      id: identity.id,
      displayName: identity.displayName,
      identityType: identity.type,
      details: NO_STEP_DETAILS,
    },
    targetIdentity: {
      id: outcome.targetId,
      displayName: identity.displayName,
      identityType: identity.type === "User" ? URN.enterpriseUser : URN.group,
      details: NO_STEP_DETAILS,
    },
    sourceSystem: SOURCE_SYSTEM,
    targetSystem: TARGET_SYSTEM,
    initiatedBy: INITIATED_BY,
  };
}

// The parts every record has alike, shared and frozen: a ring of 10,000 records, and a cycle that
// writes 100,000, need not build them for each.
const SOURCE_SYSTEM = Object.freeze({
  id: null,
  displayName: "Azure Active Directory",
  details: NO_STEP_DETAILS,
});
const TARGET_SYSTEM = Object.freeze({ id: null, displayName: "customappsso", details: NO_STEP_DETAILS });
const STATUS_WITHOUT_ERROR = {
  success: Object.freeze({ status: "success", errorInformation: null }),
  warning: Object.freeze({ status: "warning", errorInformation: null }),
  failure: Object.freeze({ status: "failure", errorInformation: null }),
  skipped: Object.freeze({ status: "skipped", errorInformation: null }),
} as const satisfies Record<ProvisioningStatus, ProvisioningLogRecord["provisioningStatusInfo"]>;
const INITIATED_BY = Object.freeze({
  id: "",
  displayName: "Azure AD Provisioning Service",
  initiatorType: "system",
} as const);
