import { isJsonObject, type JsonObject } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";
import type { ProvisioningLogRecord } from "../provisioning/index.ts";

/** The one subject of a provisionOnDemand request; a group may name the members to take along. */
export type OnDemandSubject = {
  objectId: string;
  objectTypeName: "User" | "Group";
  /** `links.members[].objectId` of a group subject; null: the engine's default (its first five). */
  members: string[] | null;
};

const SHAPE =
  '{"parameters":[{"ruleId":"...","subjects":[{"objectId":"...","objectTypeName":"User"|"Group","links":{"members":[{"objectId":"...","objectTypeName":"User"}]}}]}]}';

function bad(message: string): never {
  throw new EntraError(400, "BadRequest", message);
}

/**
 * The body of provisionOnDemand (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-provisionondemand,
 * resources synchronizationJobApplicationParameters, synchronizationJobSubject,
 * synchronizationLinkedObjects). `ruleId` may be left out (the job has one rule);
 * `objectTypeName` defaults to User.
 */
export function parseOnDemandBody(body: JsonObject, ruleId: string): OnDemandSubject {
  const parameters = body.parameters;
  const first = Array.isArray(parameters) ? parameters[0] : undefined;
  const subjects = isJsonObject(first) ? first.subjects : undefined;
  const subject = Array.isArray(subjects) ? subjects[0] : undefined;
  if (
    !isJsonObject(first) ||
    !isJsonObject(subject) ||
    typeof subject.objectId !== "string" ||
    subject.objectId === ""
  ) {
    bad(`expected ${SHAPE}`);
  }
  if (Array.isArray(subjects) && subjects.length > 1)
    bad("provision on demand takes one subject per request");
  if (first.ruleId !== undefined && first.ruleId !== ruleId) {
    bad(`unknown ruleId ${JSON.stringify(first.ruleId)}; this job's rule is ${ruleId}`);
  }
  const type = subject.objectTypeName ?? "User";
  if (type !== "User" && type !== "Group")
    bad(`objectTypeName must be "User" or "Group", got ${JSON.stringify(type)}`);
  const links = subject.links;
  let members: string[] | null = null;
  if (links !== undefined && links !== null) {
    const list = isJsonObject(links) ? links.members : undefined;
    if (type !== "Group" || !Array.isArray(list))
      bad(`links.members is for a Group subject: expected ${SHAPE}`);
    members = list.map((member, index) => {
      if (!isJsonObject(member) || typeof member.objectId !== "string")
        bad(`links.members[${index}] needs an objectId`);
      return member.objectId;
    });
  }
  return { objectId: subject.objectId, objectTypeName: type, members };
}

const CAPITALISED = {
  import: "Import",
  scoping: "Scoping",
  matching: "Matching",
  processing: "Processing",
  referenceResolution: "ReferenceResolution",
  export: "Export",
  success: "Success",
  warning: "Warning",
  failure: "Failure",
  skipped: "Skipped",
  create: "Create",
  update: "Update",
  delete: "Delete",
  disable: "Disable",
  stagedDelete: "StagedDelete",
  other: "Other",
} as const;

/**
 * The Graph provisionOnDemand answer: a `stringKeyStringValuePair` whose key and value are JSON
 * strings, shaped as Microsoft's customappsso example
 * (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-provisionondemand):
 * capitalised step types and statuses, `startTime`/`endTime`, identities with `type`.
 */
export function toOnDemandResponse(record: ProvisioningLogRecord): {
  "@odata.type": string;
  key: string;
  value: string;
} {
  const error = record.provisioningStatusInfo.errorInformation;
  const result = CAPITALISED[record.provisioningStatusInfo.status];
  const key = { result, details: error ? { errorCode: error.errorCode, errorMessage: error.reason } : {} };
  const started = new Date(record.activityDateTime);
  const value = {
    action: CAPITALISED[record.provisioningAction],
    changeId: record.changeId,
    cycleId: record.cycleId,
    endTime: new Date(started.getTime() + record.durationInMilliseconds).toISOString(),
    modifiedProperties: record.modifiedProperties.map((property) => ({
      displayName: property.displayName,
      oldValue: property.oldValue,
      newValue: property.newValue,
    })),
    provisioningSteps: record.provisioningSteps.map((step) => ({
      name: step.name,
      type: CAPITALISED[step.provisioningStepType],
      status: CAPITALISED[step.status],
      description: step.description,
      timestamp: record.activityDateTime,
      details: step.details,
    })),
    reportableIdentifier: record.sourceIdentity.displayName,
    startTime: record.activityDateTime,
    statusInfo: {
      status: result,
      errorCode: error?.errorCode ?? null,
      reason: error?.reason ?? null,
      additionalDetails: error?.additionalDetails ?? null,
      errorCategory: error?.errorCategory ?? null,
      recommendedAction: error?.recommendedAction ?? null,
    },
    sourceIdentity: {
      id: record.sourceIdentity.id,
      type: record.sourceIdentity.identityType || "User",
      displayName: null,
      details: null,
    },
    sourceSystem: { id: null, name: "Azure Active Directory", details: null },
    targetIdentity: {
      id: record.targetIdentity.id,
      type: record.targetIdentity.identityType,
      displayName: null,
      details: null,
    },
    targetSystem: { id: null, name: "customappsso", details: null },
  };
  return {
    "@odata.type": "#microsoft.graph.stringKeyStringValuePair",
    key: JSON.stringify(key),
    value: JSON.stringify(value),
  };
}
