import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { notFound } from "../../directory/directory.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraTenant, TenantApp } from "../../tenant/index.ts";
import { DEFAULT_ACCESS_ROLE_ID } from "../../tenant/index.ts";
import { principalOfAssignment, toAppRoleAssignment } from "../app-role-assignment.ts";
import { readJson, requireApp } from "../graph-http.ts";
import { graphResources } from "../graph-resources.ts";
import { entityResponse, listResponse, withContext } from "../odata-list.ts";

/** A non-gallery app's service principal (https://learn.microsoft.com/graph/api/resources/serviceprincipal, the fields scripts read). */
function toServicePrincipal(app: TenantApp): JsonObject {
  return {
    id: app.job.servicePrincipalId,
    appId: app.job.appId,
    displayName: app.job.displayName,
    servicePrincipalType: "Application",
    accountEnabled: true,
    appRoleAssignmentRequired: app.job.config.scope === "assigned",
    appRoles: [
      {
        allowedMemberTypes: ["User"],
        description: "User",
        displayName: "User",
        id: DEFAULT_ACCESS_ROLE_ID,
        isEnabled: true,
        origin: "Application",
        value: null,
      },
    ],
    tags: [
      "WindowsAzureActiveDirectoryCustomSingleSignOnApplication",
      "WindowsAzureActiveDirectoryIntegratedApp",
    ],
  };
}

/**
 * `/v1.0/servicePrincipals`: list and get, and the app's assignments (`appRoleAssignedTo`), which
 * are the job's `assignments` set: assigning makes a user or group (and its direct members) in
 * scope for "Sync only assigned users and groups" (https://learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts).
 */
export function registerServicePrincipalRoutes(app: Hono, tenant: EntraTenant): void {
  registerServicePrincipalReads(app, tenant);
  app.post("/v1.0/servicePrincipals/:id/appRoleAssignedTo", async (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const body = await readJson(c.req.raw);
    const { principalId, resourceId, appRoleId } = body;
    if (typeof principalId !== "string" || principalId === "") {
      throw new EntraError(
        400,
        "Request_BadRequest",
        "Invalid value specified for property 'principalId' of resource 'AppRoleAssignment'.",
      );
    }
    if (resourceId !== undefined && resourceId !== target.job.servicePrincipalId) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        "Invalid value specified for property 'resourceId' of resource 'AppRoleAssignment'.",
      );
    }
    if (appRoleId !== undefined && appRoleId !== DEFAULT_ACCESS_ROLE_ID) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Permission being assigned was not found on application '${target.job.appId}'.`,
      );
    }
    const { principalId: principal } = tenant.assign(target, principalId);
    return c.json(
      withContext(
        c.req.raw,
        `servicePrincipals('${target.job.servicePrincipalId}')/appRoleAssignedTo/$entity`,
        toAppRoleAssignment(tenant, target, principal),
      ),
      201,
    );
  });

  app.delete("/v1.0/servicePrincipals/:id/appRoleAssignedTo/:assignmentId", (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const assignmentId = c.req.param("assignmentId");
    const principalId = principalOfAssignment(target, assignmentId);
    if (principalId === undefined) throw notFound(assignmentId);
    tenant.unassign(target, principalId);
    return c.body(null, 204);
  });
}

/** The service principals and their assignments, read (https://learn.microsoft.com/graph/api/serviceprincipal-list, -get, -list-approleassignedto). */
function registerServicePrincipalReads(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  app.get("/v1.0/servicePrincipals", (c) =>
    c.json(
      listResponse(
        c.req.raw,
        "servicePrincipals",
        tenant.apps().map(toServicePrincipal),
        resources.servicePrincipals,
      ),
    ),
  );

  app.get("/v1.0/servicePrincipals/:id", (c) =>
    c.json(
      entityResponse(
        c.req.raw,
        "servicePrincipals",
        toServicePrincipal(requireApp(tenant, c.req.param("id"))),
        resources.servicePrincipals,
      ),
    ),
  );

  app.get("/v1.0/servicePrincipals/:id/appRoleAssignedTo", (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const assignments = [...target.job.assignments]
      .filter((principalId) => tenant.directory.user(principalId) ?? tenant.directory.group(principalId))
      .map((principalId) => toAppRoleAssignment(tenant, target, principalId));
    return c.json(
      listResponse(
        c.req.raw,
        `servicePrincipals('${target.job.servicePrincipalId}')/appRoleAssignedTo`,
        assignments,
        resources.appRoleAssignments,
      ),
    );
  });
}
