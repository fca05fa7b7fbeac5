import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { invalidValue } from "../../directory/directory.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { readJson, readReference, readString, requireUser } from "../graph-http.ts";
import { toGraphUser } from "../graph-user.ts";
import { graphResources } from "../graph-resources.ts";
import { entityResponse, listResponse, withContext } from "../odata-list.ts";
import { assertUserWrite } from "../user-validation.ts";

/** Properties Graph requires to create a user (https://learn.microsoft.com/graph/api/user-post-users). */
const REQUIRED_ON_CREATE = ["accountEnabled", "displayName", "mailNickname", "userPrincipalName"] as const;

/**
 * `/v1.0/users`: list, get, create, update (204), delete (to the recycle bin), and the manager
 * reference. Users are addressed by object id or userPrincipalName.
 */
export function registerUserRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  app.get("/v1.0/users", (c) =>
    c.json(listResponse(c.req.raw, "users", tenant.directory.users().map(toGraphUser), resources.users)),
  );

  app.get("/v1.0/users/:id", (c) =>
    c.json(
      entityResponse(
        c.req.raw,
        "users",
        toGraphUser(requireUser(tenant, c.req.param("id"))),
        resources.users,
      ),
    ),
  );

  app.post("/v1.0/users", async (c) => {
    const body = await readJson(c.req.raw);
    assertCreatable(body);
    assertUserWrite(tenant, body, null);
    const user = tenant.directory.createUser(body, undefined, { strict: true });
    return c.json(withContext(c.req.raw, "users/$entity", toGraphUser(user)), 201, {
      Location: `${new URL(c.req.url).origin}/v1.0/users/${user.id}`,
    });
  });

  app.patch("/v1.0/users/:id", async (c) => {
    const body = await readJson(c.req.raw);
    const user = requireUser(tenant, c.req.param("id"));
    assertUserWrite(tenant, body, user.id);
    tenant.directory.updateUser(user.id, body, { strict: true });
    // Graph answers a user PATCH with 204 No Content.
    return c.body(null, 204);
  });

  app.delete("/v1.0/users/:id", (c) => {
    tenant.directory.softDeleteUser(requireUser(tenant, c.req.param("id")).id);
    return c.body(null, 204);
  });

  app.get("/v1.0/users/:id/manager", (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const manager = user.managerId === null ? undefined : tenant.directory.user(user.managerId);
    if (!manager || manager.deletedDateTime !== null) {
      throw noManager();
    }
    return c.json(
      withContext(c.req.raw, "directoryObjects/$entity", {
        "@odata.type": "#microsoft.graph.user",
        ...toGraphUser(manager),
      }),
    );
  });

  app.put("/v1.0/users/:id/manager/$ref", async (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    const managerId = requireUser(tenant, readReference(await readJson(c.req.raw))).id;
    if (managerId === user.id) {
      throw new EntraError(400, "Request_BadRequest", "A user cannot be their own manager.");
    }
    tenant.directory.setManager(user.id, managerId);
    return c.body(null, 204);
  });

  app.delete("/v1.0/users/:id/manager/$ref", (c) => {
    const user = requireUser(tenant, c.req.param("id"));
    if (user.managerId === null) {
      throw noManager();
    }
    tenant.directory.setManager(user.id, null);
    return c.body(null, 204);
  });
}

/** What Graph requires of a new user (https://learn.microsoft.com/graph/api/user-post-users), password included. */
function assertCreatable(body: JsonObject): void {
  for (const name of REQUIRED_ON_CREATE) {
    if (!Object.hasOwn(body, name)) throw invalidValue(name, "User");
  }
  readString(body, "displayName", "User");
  readString(body, "mailNickname", "User");
  const profile = body.passwordProfile;
  if (
    typeof profile !== "object" ||
    profile === null ||
    Array.isArray(profile) ||
    typeof profile.password !== "string" ||
    profile.password === ""
  ) {
    throw new EntraError(
      400,
      "Request_BadRequest",
      "Property passwordProfile.password value is required but is empty or missing.",
    );
  }
}

function noManager(): EntraError {
  return new EntraError(
    404,
    "Request_ResourceNotFound",
    "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
  );
}
