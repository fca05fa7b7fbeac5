import { isJsonObject, type JsonObject } from "../../scim/json.ts";
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
 * The body of provisionOnDemand (v1.0 api/synchronization-synchronizationjob-provisionondemand.md,
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

/**
 * The Graph provisionOnDemand answer: a `stringKeyStringValuePair` whose key and value are JSON
 * strings (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-provisionondemand).
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
    sourceIdentity: {
      identityType: record.sourceIdentity.identityType || "User",
      id: record.sourceIdentity.id,
      details: {},
    },
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
