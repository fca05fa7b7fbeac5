import type { JsonObject } from "../../scim/index.ts";
import type { AssignmentDetails, EntraTenant, TenantApp } from "../tenant/index.ts";
import { DEFAULT_ACCESS_ROLE_ID } from "../tenant/index.ts";

/** .NET's byte order of a GUID (the first three groups little-endian), as Graph ids encode it. */
function guidBytes(id: string): Uint8Array | null {
  if (!/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(id)) return null;
  const hex = id.replace(/-/g, "");
  const bytes = Uint8Array.from({ length: 16 }, (_, index) =>
    Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16),
  );
  const swap = (from: number, length: number) => bytes.subarray(from, from + length).reverse();
  swap(0, 4);
  swap(4, 2);
  swap(6, 2);
  return bytes;
}

/**
 * The appRoleAssignment id. Observed in Microsoft's samples: the base64url id begins with the
 * principal's object id bytes. Assumed: the rest is the resource (service principal) id, so the
 * id is stable and derived, and the job's `assignments` set stays the one source of truth.
 */
export function assignmentId(principalId: string, servicePrincipalId: string): string {
  const principal = guidBytes(principalId) ?? new TextEncoder().encode(principalId);
  const resource = guidBytes(servicePrincipalId) ?? new TextEncoder().encode(servicePrincipalId);
  return Buffer.concat([principal, resource]).toString("base64url");
}

/** The principal of an assignment id, if the job holds that assignment. */
export function principalOfAssignment(app: TenantApp, id: string): string | undefined {
  return [...app.job.assignments].find(
    (principalId) => assignmentId(principalId, app.job.servicePrincipalId) === id,
  );
}

/** One assignment as Graph's `appRoleAssignment` (https://learn.microsoft.com/graph/api/resources/approleassignment). */
export function toAppRoleAssignment(tenant: EntraTenant, app: TenantApp, principalId: string): JsonObject {
  const user = tenant.directory.user(principalId);
  const group = tenant.directory.group(principalId);
  const details: AssignmentDetails = app.state.assignments.get(principalId) ?? {
    appRoleId: DEFAULT_ACCESS_ROLE_ID,
    createdDateTime: user?.createdDateTime ?? group?.createdDateTime ?? new Date(0).toISOString(),
  };
  const displayName = user ? user.properties.get("displayName") : group?.displayName;
  return {
    id: assignmentId(principalId, app.job.servicePrincipalId),
    deletedDateTime: null,
    appRoleId: details.appRoleId,
    createdDateTime: details.createdDateTime,
    principalDisplayName: typeof displayName === "string" ? displayName : null,
    principalId,
    principalType: group ? "Group" : "User",
    resourceDisplayName: app.job.displayName,
    resourceId: app.job.servicePrincipalId,
  };
}
