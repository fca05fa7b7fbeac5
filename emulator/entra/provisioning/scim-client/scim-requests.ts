import { setOwn, type JsonObject, type JsonValue } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { Quirks } from "../../quirks.ts";
import type { TargetValue } from "../mapping/evaluate-mappings.ts";
import type { TargetAttribute } from "../config/provisioning-config.ts";
import { isExportableOnCreate, placeTargetValue, type TargetPath } from "../mapping/target-path.ts";

/** A SCIM request the provisioning service sends, before it is bound to a tenant URL and token. */
export type ScimRequest = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the tenant URL: `/Users`, `/Users/{id}`, `/Groups/{id}`. */
  path: string;
  query: [string, string][];
  body: JsonObject | null;
};

/**
 * The two PATCH dialects: legacy (default) and the `aadOptscim062020` flag
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */
export type PatchDialect = "legacy" | "aadOptscim062020";

/** One mapped target attribute with its value. */
export type TargetEntry = {
  target: string;
  path: TargetPath;
  attribute: TargetAttribute;
  value: TargetValue;
};

/** One attribute that differs between source and target. */
export type AttributeChange = TargetEntry & {
  /**
   * Whether the target had a value: `Replace` if so, `Add` if not
   * (https://github.com/limosa-io/laravel-scim-server/issues/34).
   */
  hadValue: boolean;
};

/**
 * `GET /Users?filter=<attr> eq "<value>"`; Entra only sends `eq` and `and`
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
export function buildFilterQuery(
  resource: "Users" | "Groups",
  attribute: string,
  value: string,
): ScimRequest {
  const filter = `${attribute} eq ${quoteFilterValue(value)}`;
  // Groups are looked up without members (use-scim-to-provision-users-and-groups, as above).
  const query: [string, string][] =
    resource === "Groups"
      ? [
          ["excludedAttributes", "members"],
          ["filter", filter],
        ]
      : [["filter", filter]];
  return { method: "GET", path: `/${resource}`, query, body: null };
}

export function buildGetById(resource: "Users" | "Groups", id: string): ScimRequest {
  const query: [string, string][] = resource === "Groups" ? [["excludedAttributes", "members"]] : [];
  return { method: "GET", path: `/${resource}/${encodeURIComponent(id)}`, query, body: null };
}

export function buildDelete(resource: "Users" | "Groups", id: string): ScimRequest {
  return { method: "DELETE", path: `/${resource}/${encodeURIComponent(id)}`, query: [], body: null };
}

/**
 * The create payload
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
 * core + enterprise in `schemas` (custom extension URNs are not listed:
 * https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes),
 * extension attributes nested under their URN, `meta.resourceType`, `roles: []`. Empty values are
 * left out; so are non-conforming custom names when the quirk is on.
 */
export function buildCreateUser(
  entries: readonly TargetEntry[],
  quirks: Quirks,
): { request: ScimRequest; skipped: TargetEntry[] } {
  const body: JsonObject = { schemas: [URN.user, URN.enterpriseUser] };
  const skipped: TargetEntry[] = [];
  for (const entry of entries) {
    if (entry.value === null || entry.attribute.type === "Reference") continue;
    if (quirks.createSkipsNonUrnCustomAttributes && !isExportableOnCreate(entry.path)) {
      skipped.push(entry);
      continue;
    }
    const primary =
      entry.path.kind === "filtered" &&
      entry.path.type === "work" &&
      (entry.path.name.toLowerCase() === "emails" ||
        (quirks.addressesPrimary && entry.path.name.toLowerCase() === "addresses"));
    placeTargetValue(body, entry.path, wireValue(entry.value, entry.attribute, "create", quirks), {
      primary,
    });
  }
  setOwn(body, "meta", { resourceType: "User" });
  if (!Object.hasOwn(body, "roles")) setOwn(body, "roles", []);
  return { request: { method: "POST", path: "/Users", query: [], body: orderCreateBody(body) }, skipped };
}

/** Field order of Microsoft's documented create example, for readable diffs against it. */
const CREATE_ORDER = [
  "schemas",
  "externalId",
  "userName",
  "active",
  "displayName",
  "title",
  "preferredLanguage",
  "emails",
  "meta",
  "name",
  "addresses",
  "phoneNumbers",
];

function orderCreateBody(body: JsonObject): JsonObject {
  const ordered: JsonObject = {};
  for (const key of CREATE_ORDER) if (Object.hasOwn(body, key)) setOwn(ordered, key, body[key] ?? null);
  for (const [key, value] of Object.entries(body))
    if (key !== "roles" && !Object.hasOwn(ordered, key)) setOwn(ordered, key, value);
  if (Object.hasOwn(body, "roles")) setOwn(ordered, "roles", body.roles ?? []);
  return ordered;
}

/** The PATCH of a user's changed attributes in one dialect, or null when nothing changed. */
export function buildUserPatch(
  targetId: string,
  changes: readonly AttributeChange[],
  dialect: PatchDialect,
  quirks: Quirks,
): ScimRequest | null {
  return buildPatch("Users", targetId, attributeOperations(changes, dialect, quirks));
}

function attributeOperations(
  changes: readonly AttributeChange[],
  dialect: PatchDialect,
  quirks: Quirks,
): JsonObject[] {
  return dialect === "legacy" ? legacyOperations(changes, quirks) : flagOperations(changes, quirks);
}

function buildPatch(
  resource: "Users" | "Groups",
  targetId: string,
  operations: JsonObject[],
): ScimRequest | null {
  if (operations.length === 0) return null;
  return {
    method: "PATCH",
    path: `/${resource}/${encodeURIComponent(targetId)}`,
    query: [],
    body: { schemas: [URN.patchOp], Operations: operations },
  };
}

/**
 * `POST /Groups` ("Create Group",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
 * the core Group schema plus Microsoft's ADSCIM group schema, `meta.resourceType`, and no members
 * ("Groups are created with an empty members list").
 */
export function buildCreateGroup(entries: readonly TargetEntry[], quirks: Quirks): ScimRequest {
  const body: JsonObject = { schemas: [URN.group, URN.microsoftGroup] };
  for (const entry of entries) {
    if (entry.value === null || entry.attribute.type === "Reference") continue;
    if (entry.target.toLowerCase() === "members") continue;
    placeTargetValue(body, entry.path, wireValue(entry.value, entry.attribute, "create", quirks), {
      primary: false,
    });
  }
  setOwn(body, "meta", { resourceType: "Group" });
  const ordered: JsonObject = {};
  for (const key of ["schemas", "externalId", "displayName"])
    if (Object.hasOwn(body, key)) setOwn(ordered, key, body[key] ?? null);
  for (const [key, value] of Object.entries(body))
    if (!Object.hasOwn(ordered, key)) setOwn(ordered, key, value);
  return { method: "POST", path: "/Groups", query: [], body: ordered };
}

/** The non-member attribute changes of a group ("Update Group [Non-member attributes]"), or null. */
export function buildGroupPatch(
  targetId: string,
  changes: readonly AttributeChange[],
  dialect: PatchDialect,
  quirks: Quirks,
): ScimRequest | null {
  return buildPatch("Groups", targetId, attributeOperations(changes, dialect, quirks));
}

/**
 * Membership PATCH
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups,
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 * Legacy: `Add`/`Remove` on `members` with a value array. Flag: `add` with a value array; each
 * removal is its own `remove` with the path `members[value eq "<id>"]` and no value. Ids are the
 * members' target ids.
 */
export function buildMembershipPatch(
  targetId: string,
  membership: { add: readonly string[]; remove: readonly string[] },
  dialect: PatchDialect,
  quirks: Quirks,
): ScimRequest | null {
  const member = (id: string): JsonObject =>
    quirks.memberValueWithNullRef ? { $ref: null, value: id } : { value: id };
  const batches = (ids: readonly string[]): string[][] =>
    ids.length === 0 ? [] : quirks.membersInOneOperation ? [[...ids]] : ids.map((id) => [id]);
  const operations: JsonObject[] = [];
  for (const ids of batches(membership.add))
    operations.push({ op: opName("add", dialect, quirks), path: "members", value: ids.map(member) });
  if (dialect === "legacy") {
    for (const ids of batches(membership.remove))
      operations.push({ op: opName("remove", dialect, quirks), path: "members", value: ids.map(member) });
  } else {
    for (const id of membership.remove)
      operations.push({ op: "remove", path: `members[value eq ${quoteFilterValue(id)}]` });
  }
  return buildPatch("Groups", targetId, operations);
}

/** A SCIM filter string literal (RFC 7644 §3.4.2.2): double quotes, backslash escapes. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function opName(op: "add" | "replace" | "remove", dialect: PatchDialect, quirks: Quirks): string {
  if (dialect === "legacy" && quirks.capitalisedOps) return op[0]!.toUpperCase() + op.slice(1);
  return op;
}

function changeOp(change: AttributeChange): "add" | "replace" | "remove" {
  if (change.value === null) return "remove";
  return change.hadValue ? "replace" : "add";
}

function legacyOperations(changes: readonly AttributeChange[], quirks: Quirks): JsonObject[] {
  return changes.map((change) => {
    const op =
      change.attribute.multiValued && quirks.multiValueAddAlways && change.value !== null
        ? "add"
        : changeOp(change);
    if (op === "remove") return { op: opName(op, "legacy", quirks), path: change.target };
    return {
      op: opName(op, "legacy", quirks),
      path: change.target,
      value: wireValue(change.value, change.attribute, "legacy", quirks),
    };
  });
}

/**
 * Flag dialect: lowercase ops, booleans as booleans; filtered-path attributes and adds keep their
 * own op with a path; two or more simple replaces merge into one path-less replace
 * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */
function flagOperations(changes: readonly AttributeChange[], quirks: Quirks): JsonObject[] {
  const separate: JsonObject[] = [];
  const merged: AttributeChange[] = [];
  for (const change of changes) {
    const multi = change.attribute.multiValued && quirks.multiValueAddAlways && change.value !== null;
    const op = multi ? "add" : changeOp(change);
    if (op === "remove") {
      separate.push({ op, path: change.target });
    } else if (op === "replace" && change.path.kind !== "filtered" && quirks.mergedPathlessReplace) {
      merged.push(change);
    } else {
      separate.push({
        op,
        path: change.target,
        value: wireValue(change.value, change.attribute, "flag", quirks),
      });
    }
  }
  if (merged.length === 1) {
    const [only] = merged;
    separate.push({
      op: "replace",
      path: only!.target,
      value: wireValue(only!.value, only!.attribute, "flag", quirks),
    });
  } else if (merged.length > 1) {
    const value: JsonObject = {};
    for (const change of merged)
      setOwn(value, change.target, wireValue(change.value, change.attribute, "flag", quirks));
    separate.push({ op: "replace", value });
  }
  return separate;
}

/**
 * A mapped value as it goes on the wire. Booleans: JSON booleans in creates and the flag dialect,
 * "True"/"False" strings in legacy PATCH (documented for `active`:
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 * Integers as JSON numbers (assumed: no public source shows non-string custom attributes on the
 * wire). Multi-valued custom attributes as `[{"value": ...}]` (observed:
 * https://learn.microsoft.com/answers/questions/1693075).
 */
export function wireValue(
  value: TargetValue,
  attribute: TargetAttribute,
  context: "create" | "legacy" | "flag",
  quirks: Quirks,
): JsonValue {
  if (value === null) return null;
  const values = Array.isArray(value) ? value : [value];
  if (attribute.multiValued)
    return values.map((item) => ({ value: scalar(item, attribute, context, quirks) }));
  return scalar(values[0] ?? "", attribute, context, quirks);
}

function scalar(
  value: string,
  attribute: TargetAttribute,
  context: "create" | "legacy" | "flag",
  quirks: Quirks,
): JsonValue {
  switch (attribute.type) {
    case "Boolean": {
      const truthy = value.toLowerCase() === "true";
      if (context === "legacy" && quirks.stringBooleansInPatch) return truthy ? "True" : "False";
      return truthy;
    }
    case "Integer": {
      const number = Number(value);
      return Number.isInteger(number) ? number : value;
    }
    default:
      return value;
  }
}
