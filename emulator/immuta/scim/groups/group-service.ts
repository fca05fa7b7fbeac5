import { findKey, getMember, isJsonObject, type JsonObject, type JsonValue } from "../../../scim/index.ts";
import { ScimError } from "../../../scim/index.ts";
import type { ImmutaGroup } from "../../model/group-store.ts";
import { normalizeResourceBody } from "../patch-resource.ts";
import type { ScimExchange } from "../scim-exchange.ts";

/** A checked Group body: the resource to store, its name and its members (SCIM user ids). */
export type GroupInput = {
  resource: JsonObject;
  displayName: string;
  members: Set<string>;
  memberDisplays: Map<string, string>;
};

/** Checks a Group body (RFC 7643 §4.2): core Group schema, a displayName, members that are users of this IAM. */
export function validateGroup(exchange: ScimExchange, body: JsonValue): GroupInput {
  const resource = normalizeResourceBody(body, "Group");
  const displayName = getMember(resource, "displayName");
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw new ScimError(400, "displayName is required and must be a non-empty string", "invalidValue");
  }
  const members = new Set<string>();
  const memberDisplays = new Map<string, string>();
  for (const member of asArray(getMember(resource, "members"))) {
    const value = isJsonObject(member) ? getMember(member, "value") : undefined;
    if (typeof value !== "string")
      throw new ScimError(400, "each member needs a string value", "invalidValue");
    const user = exchange.iam.users.get(value);
    if (!user || user.scimDeleted)
      throw new ScimError(400, `member ${value} is not a user of this IAM`, "invalidValue");
    members.add(value);
    const display = isJsonObject(member) ? getMember(member, "display") : undefined;
    if (typeof display === "string") memberDisplays.set(value, display);
  }
  for (const name of ["members", "displayName"]) {
    const key = findKey(resource, name);
    if (key !== undefined) Reflect.deleteProperty(resource, key);
  }
  return { resource, displayName, members, memberDisplays };
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Creates a group from a POST body: 409 uniqueness when the displayName is taken. */
export function createGroup(exchange: ScimExchange, body: JsonValue): ImmutaGroup {
  const { iam, state } = exchange;
  const input = validateGroup(exchange, body);
  iam.groups.assertNameFree(input.displayName);
  const now = state.runtime.clock().toISOString();
  const group: ImmutaGroup = {
    scimId: state.runtime.newId(),
    immutaId: state.nextGroupId(),
    iamid: iam.config.id,
    displayName: input.displayName,
    resource: input.resource,
    members: input.members,
    memberDisplays: input.memberDisplays,
    created: now,
    lastModified: now,
    version: 1,
  };
  iam.groups.put(group);
  return group;
}

/** Stores a checked Group body as the group's next version. A write that changes nothing keeps the version (and so the ETag). */
export function storeGroupVersion(
  exchange: ScimExchange,
  group: ImmutaGroup,
  input: GroupInput,
): ImmutaGroup {
  const unchanged =
    input.displayName === group.displayName &&
    JSON.stringify(input.resource) === JSON.stringify(group.resource) &&
    input.members.size === group.members.size &&
    [...input.members].every((member) => group.members.has(member)) &&
    input.memberDisplays.size === group.memberDisplays.size &&
    [...input.memberDisplays].every(([member, display]) => group.memberDisplays.get(member) === display);
  if (unchanged) return group;
  exchange.iam.groups.assertNameFree(input.displayName, group.scimId);
  const updated: ImmutaGroup = {
    ...group,
    displayName: input.displayName,
    resource: input.resource,
    members: input.members,
    memberDisplays: input.memberDisplays,
    lastModified: exchange.state.runtime.clock().toISOString(),
    version: group.version + 1,
  };
  exchange.iam.groups.put(updated);
  return updated;
}
