import type { JsonObject, JsonValue } from "../../scim/index.ts";
import { DIRECTORY_EXTENSION, USER_PROPERTY_TYPES } from "../directory/entra-user.ts";
import type { EntraTenant } from "../tenant/index.ts";
import { toGraphUser } from "./graph-user.ts";
import { directoryResource, plainResource, type ODataResource } from "./odata-resource.ts";

/** Graph `group` members the fake serves (https://learn.microsoft.com/graph/api/resources/group). */
const GROUP_PROPERTIES = [
  "displayName",
  "description",
  "mailNickname",
  "mailEnabled",
  "securityEnabled",
  "groupTypes",
] as const;

/** `provisioningObjectSummary` members (https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary). */
const PROVISIONING_PROPERTIES = [
  "id",
  "activityDateTime",
  "tenantId",
  "jobId",
  "cycleId",
  "changeId",
  "durationInMilliseconds",
  "provisioningAction",
  "provisioningStatusInfo",
  "provisioningSteps",
  "modifiedProperties",
  "servicePrincipal",
  "sourceIdentity",
  "targetIdentity",
  "sourceSystem",
  "targetSystem",
  "initiatedBy",
] as const;

/** The query rules of each collection the fake serves, bound to the tenant for `$expand`. */
export type GraphResources = {
  users: ODataResource;
  groups: ODataResource;
  servicePrincipals: ODataResource;
  appRoleAssignments: ODataResource;
  provisioning: ODataResource;
};

export function graphResources(tenant: EntraTenant): GraphResources {
  const asUser = (id: string | null): JsonObject | undefined => {
    const user = id === null ? undefined : tenant.directory.user(id);
    return user && user.deletedDateTime === null
      ? { "@odata.type": "#microsoft.graph.user", ...toGraphUser(user) }
      : undefined;
  };
  const manager = (item: JsonObject): JsonValue | undefined => {
    const id = typeof item.id === "string" ? item.id : null;
    return asUser(id === null ? null : (tenant.directory.user(id)?.managerId ?? null));
  };
  const members = (item: JsonObject): JsonValue => {
    const group = typeof item.id === "string" ? tenant.directory.group(item.id) : undefined;
    return [...(group?.members ?? [])].flatMap((id) => asUser(id) ?? []);
  };
  return {
    users: directoryResource({
      type: "microsoft.graph.user",
      properties: [...Object.keys(USER_PROPERTY_TYPES)],
      extraProperty: (name) => DIRECTORY_EXTENSION.test(name),
      expand: { manager },
    }),
    groups: directoryResource({
      type: "microsoft.graph.group",
      properties: GROUP_PROPERTIES,
      expand: { members },
    }),
    servicePrincipals: plainResource("microsoft.graph.servicePrincipal"),
    appRoleAssignments: plainResource("microsoft.graph.appRoleAssignment"),
    // contains and startswith on identities are documented for provisioning logs (https://learn.microsoft.com/graph/api/provisioningobjectsummary-list).
    provisioning: plainResource("microsoft.graph.provisioningObjectSummary", {
      properties: PROVISIONING_PROPERTIES,
      functions: ["startswith", "contains"],
      maxTop: 1000,
    }),
  };
}
