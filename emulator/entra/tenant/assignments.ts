import type { Directory } from "../directory/directory.ts";
import { notFound } from "../directory/directory.ts";
import { EntraError } from "../entra-error.ts";
import { DEFAULT_ACCESS_ROLE_ID, type AssignmentDetails, type TenantApp } from "./tenant-app.ts";

/** What an assignment change needs from the tenant. */
export type AssignmentContext = { directory: Directory; now: () => Date };

/**
 * Assigns a live user (by id or userPrincipalName) or group (by id) to the app, as
 * `POST /servicePrincipals/{id}/appRoleAssignedTo` does
 * (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto): the assignment is
 * created now, with the given app role, and a second one for the same principal is refused. The
 * principal is touched so the next incremental cycle sees it newly in scope
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works#incremental-cycles).
 *
 * @throws EntraError 404 when no live principal has that id, 400 when it is assigned already.
 */
export function assignPrincipal(
  context: AssignmentContext,
  app: TenantApp,
  principal: { id: string; appRoleId?: string },
): { principalId: string; details: AssignmentDetails } {
  const principalId = livePrincipal(context.directory, principal.id);
  if (app.job.assignments.has(principalId)) {
    throw new EntraError(400, "Request_BadRequest", "Permission being assigned already exists on the object");
  }
  const details = {
    appRoleId: principal.appRoleId ?? DEFAULT_ACCESS_ROLE_ID,
    createdDateTime: context.now().toISOString(),
  };
  app.job.assignments.add(principalId);
  app.state.assignments.set(principalId, details);
  context.directory.touch(principalId);
  return { principalId, details };
}

/**
 * Removes a principal's assignment (`DELETE /servicePrincipals/{id}/appRoleAssignedTo/{id}`,
 * https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignedto). The next cycle
 * disables the user: an unassigned user is out of scope
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works#de-provisioning).
 *
 * @throws EntraError 404 when the principal holds no assignment to the app.
 */
export function unassignPrincipal(context: AssignmentContext, app: TenantApp, principalId: string): void {
  if (!app.job.assignments.has(principalId)) throw notFound(principalId);
  app.job.assignments.delete(principalId);
  app.state.assignments.delete(principalId);
  context.directory.touch(principalId);
}

function livePrincipal(directory: Directory, id: string): string {
  const user = directory.user(id);
  if (user && user.deletedDateTime === null) return user.id;
  const group = directory.group(id);
  if (group && group.deletedDateTime === null) return group.id;
  throw notFound(id);
}
