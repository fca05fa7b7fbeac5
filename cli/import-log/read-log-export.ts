import { getMember, isJsonObject, setOwn } from "../../emulator/scim/index.ts";
/** A provisioning log record as import-log reads it, whichever export it came from. */
export type ImportedRecord = {
  /** The record's position in the file (0-based). */
  index: number;
  changeId: string | null;
  activityDateTime: string | null;
  /** Graph `provisioningAction` (create, update, delete, disable, stagedDelete, other) or null. */
  action: string | null;
  status: string | null;
  errorCode: string | null;
  reason: string | null;
  identityType: string | null;
  sourceId: string | null;
  sourceName: string | null;
  modified: { name: string; oldValue: string | null; newValue: string | null }[];
  /** The details of the import step: source attribute values such as userPrincipalName. */
  importDetails: Record<string, string>;
  tenantId: string | null;
  jobId: string | null;
  servicePrincipalId: string | null;
};

/** Why an export could not be read; exit 2. */
export type LogImportCode = "invalid-json" | "no-records" | "not-a-provisioning-record";

export class LogImportError extends Error {
  override name = "LogImportError";
  readonly code: LogImportCode;

  constructor(code: LogImportCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A member by the first of its names present, case-insensitively: the portal download and Graph differ in case and name. */
function member(object: unknown, ...names: string[]): unknown {
  if (!isJsonObject(object)) return undefined;
  return names.map((name) => getMember(object, name)).find((value) => value !== undefined);
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

const ACTIONS = ["create", "update", "delete", "disable", "stagedDelete", "other"] as const;

/** `Create`, `create` or `Create user` (the beta resource's wording) as Graph's provisioningAction. */
function normaliseAction(value: string | null): string | null {
  const word = value?.trim().split(/\s+/)[0]?.toLowerCase();
  return ACTIONS.find((action) => action.toLowerCase() === word) ?? null;
}

function records(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  const value = member(parsed, "value");
  if (Array.isArray(value)) return value;
  return [parsed];
}

/**
 * The records of a provisioning log export: Graph `GET auditLogs/provisioning` (`{"value": [...]}`,
 * https://learn.microsoft.com/graph/api/provisioningobjectsummary-list), an array of records (the
 * portal's JSON download,
 * https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs) or
 * one record. Both the v1.0 names (`provisioningAction`, `provisioningStatusInfo`) and the beta ones
 * (`action`, `statusInfo`) are read.
 */
export function readLogExport(source: string): ImportedRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new LogImportError("invalid-json", `not JSON: ${(error as Error).message}`);
  }
  const items = records(parsed);
  if (items.length === 0)
    throw new LogImportError("no-records", "the export holds no provisioning log record");
  return items.map((item, index) => readRecord(item, index));
}

function readRecord(item: unknown, index: number): ImportedRecord {
  const statusInfo = member(item, "provisioningStatusInfo", "statusInfo");
  const action = member(item, "provisioningAction", "action");
  if (!isJsonObject(item) || (action === undefined && statusInfo === undefined))
    throw new LogImportError(
      "not-a-provisioning-record",
      `record ${index + 1}: not a provisioningObjectSummary (no provisioningAction or provisioningStatusInfo)`,
    );
  const error = member(statusInfo, "errorInformation", "details");
  const source = member(item, "sourceIdentity");
  const servicePrincipal = member(item, "servicePrincipal");
  return {
    index,
    changeId: text(member(item, "changeId")),
    activityDateTime: text(member(item, "activityDateTime")),
    action: normaliseAction(text(action)),
    status: text(member(statusInfo, "status"))?.toLowerCase() ?? null,
    errorCode: text(member(error, "errorCode")),
    reason: text(member(error, "reason", "errorMessage")),
    identityType: text(member(source, "identityType", "type")),
    sourceId: text(member(source, "id")),
    sourceName: text(member(source, "displayName")),
    modified: readModified(member(item, "modifiedProperties")),
    importDetails: readImportDetails(member(item, "provisioningSteps")),
    tenantId: text(member(item, "tenantId")),
    jobId: text(member(item, "jobId")),
    servicePrincipalId: text(
      member(Array.isArray(servicePrincipal) ? servicePrincipal[0] : servicePrincipal, "id"),
    ),
  };
}

function readModified(value: unknown): ImportedRecord["modified"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((property) => {
    const name = text(member(property, "displayName", "name"));
    if (name === null) return [];
    return [
      { name, oldValue: text(member(property, "oldValue")), newValue: text(member(property, "newValue")) },
    ];
  });
}

/** The details of the first import step (`EntryImport`, type import), which name source values. */
function readImportDetails(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return {};
  const step: unknown = (value as unknown[]).find((item) => {
    const type = text(member(item, "provisioningStepType", "type"))?.toLowerCase();
    return type === "import";
  });
  const details = member(step, "details");
  const result: Record<string, string> = {};
  if (!isJsonObject(details)) return result;
  for (const [key, item] of Object.entries(details)) {
    const value = text(item);
    if (value !== null) setOwn(result, key, value);
  }
  return result;
}
