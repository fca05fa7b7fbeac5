import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { DEFAULT_ACCESS_ROLE_ID } from "../../tenant/index.ts";
import { toAppRoleAssignment } from "../app-role-assignment.ts";
import { toGraphGroup } from "../graph-group.ts";
import { readJson, requireApp, requireUser } from "../graph-http.ts";
import { graphResources } from "../graph-resources.ts";
import { toGraphUser } from "../graph-user.ts";
import { listResponse, withContext } from "../odata-list.ts";

function badProperty(name: string): EntraError {
  return new EntraError(
    400,
    "Request_BadRequest",
    `Invalid value specified for property '${name}' of resource 'AppRoleAssignment'.`,
  );
}

/**
 * A user's navigation properties (https://learn.microsoft.com/graph/api/user-list-memberof, https://learn.microsoft.com/graph/api/user-list-directreports,
 * https://learn.microsoft.com/graph/api/user-list-approleassignments, https://learn.microsoft.com/graph/api/user-post-approleassignments): the groups the user is a
 * direct member of, the users it manages, and its app role assignments across the tenant's apps.
 */
export function registerUserNavigationRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);

  app.get("/v1.0/users/:id/memberOf", (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const groups = tenant.directory.groups().filter((group) => group.members.has(user.id));
    return c.json(listResponse(c.req.raw, "directoryObjects", groups.map(toGraphGroup), resources.groups));
  });

  app.get("/v1.0/users/:id/directReports", (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const reports = tenant.directory
      .users()
      .filter((candidate) => candidate.managerId === user.id)
      .map((report): JsonObject => ({ "@odata.type": "#microsoft.graph.user", ...toGraphUser(report) }));
    return c.json(listResponse(c.req.raw, "directoryObjects", reports, resources.users));
  });

  app.get("/v1.0/users/:id/appRoleAssignments", (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const assignments = tenant
      .apps()
      .filter((candidate) => candidate.job.assignments.has(user.id))
      .map((candidate) => toAppRoleAssignment(tenant, candidate, user.id));
    return c.json(
      listResponse(
        c.req.raw,
        `users('${user.id}')/appRoleAssignments`,
        assignments,
        resources.appRoleAssignments,
      ),
    );
  });

  app.post("/v1.0/users/:id/appRoleAssignments", async (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const { principalId, resourceId, appRoleId } = await readJson(c.req.raw);
    if (principalId !== user.id) throw badProperty("principalId");
    if (typeof resourceId !== "string" || resourceId === "") throw badProperty("resourceId");
    const target = requireApp(tenant, resourceId);
    if (appRoleId !== undefined && appRoleId !== DEFAULT_ACCESS_ROLE_ID) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Permission being assigned was not found on application '${target.job.appId}'.`,
      );
    }
    if (target.job.assignments.has(user.id)) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        "Permission being assigned already exists on the object",
      );
    }
    tenant.assign(target, user.id);
    return c.json(
      withContext(
        c.req.raw,
        `users('${user.id}')/appRoleAssignments/$entity`,
        toAppRoleAssignment(tenant, target, user.id),
      ),
      201,
    );
  });
}
