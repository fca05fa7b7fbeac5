import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { invalidValue, notFound } from "../../directory/directory.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraGroup } from "../../directory/entra-user.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { toGraphGroup } from "../graph-group.ts";
import { readJson, readReference, readString, requireGroup } from "../graph-http.ts";
import { toGraphUser } from "../graph-user.ts";
import { graphResources } from "../graph-resources.ts";
import { entityResponse, listResponse, withContext } from "../odata-list.ts";
import { assertLength } from "../user-validation.ts";

/**
 * `/v1.0/groups`: list, get, create, update (204), delete, and direct members by `$ref`.
 * Members are users; nested groups are not provisioned by Entra (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works), so
 * the fake refuses a group as a member rather than keep what it can't use.
 */
export function registerGroupRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  app.get("/v1.0/groups", (c) =>
    c.json(listResponse(c.req.raw, "groups", tenant.directory.groups().map(toGraphGroup), resources.groups)),
  );

  app.get("/v1.0/groups/:id", (c) =>
    c.json(
      entityResponse(
        c.req.raw,
        "groups",
        toGraphGroup(requireGroup(tenant, c.req.param("id"))),
        resources.groups,
      ),
    ),
  );

  app.post("/v1.0/groups", async (c) => {
    const body = await readJson(c.req.raw);
    // Required by https://learn.microsoft.com/graph/api/group-post-groups.
    const displayName = readString(body, "displayName", "Group");
    const mailNickname = readString(body, "mailNickname", "Group");
    assertLength(body, "Group");
    const mailEnabled = readBoolean(body, "mailEnabled");
    const securityEnabled = readBoolean(body, "securityEnabled");
    const groupTypes = body.groupTypes ?? [];
    if (!Array.isArray(groupTypes) || !groupTypes.every((type) => typeof type === "string")) {
      throw invalidValue("groupTypes", "Group");
    }
    const description = body.description ?? null;
    if (description !== null && typeof description !== "string") throw invalidValue("description", "Group");
    const members = readMembersBind(body);
    const group = tenant.directory.createGroup({
      displayName,
      mailNickname,
      mailEnabled,
      securityEnabled,
      groupTypes,
      description,
      members,
    });
    return c.json(withContext(c.req.raw, "groups/$entity", toGraphGroup(group)), 201, {
      Location: `${new URL(c.req.url).origin}/v1.0/groups/${group.id}`,
    });
  });

  app.patch("/v1.0/groups/:id", async (c) => {
    patchGroup(tenant, requireGroup(tenant, c.req.param("id")), await readJson(c.req.raw));
    return c.body(null, 204);
  });

  app.delete("/v1.0/groups/:id", (c) => {
    tenant.directory.deleteGroup(requireGroup(tenant, c.req.param("id")).id);
    return c.body(null, 204);
  });

  app.get("/v1.0/groups/:id/members", (c) => {
    const group = requireGroup(tenant, c.req.param("id"));
    return c.json(listResponse(c.req.raw, "directoryObjects", liveMembers(tenant, group), resources.users));
  });

  app.post("/v1.0/groups/:id/members/$ref", async (c) => {
    const group = requireGroup(tenant, c.req.param("id"));
    const memberId = readReference(await readJson(c.req.raw));
    const user = memberUser(tenant, memberId);
    if (group.members.has(user)) throw memberExists();
    tenant.directory.addMember(group.id, user);
    return c.body(null, 204);
  });

  app.delete("/v1.0/groups/:id/members/:memberId/$ref", (c) => {
    const group = requireGroup(tenant, c.req.param("id"));
    const memberId = c.req.param("memberId");
    if (!group.members.has(memberId)) throw notFound(memberId);
    tenant.directory.removeMember(group.id, memberId);
    return c.body(null, 204);
  });
}

function readBoolean(body: JsonObject, name: string): boolean {
  const value = body[name];
  if (typeof value !== "boolean") throw invalidValue(name, "Group");
  return value;
}

/** `"members@odata.bind": [".../directoryObjects/{id}", ...]` on create. */
function readMembersBind(body: JsonObject): string[] {
  const bind = body["members@odata.bind"];
  if (bind === undefined) return [];
  if (!Array.isArray(bind)) throw invalidValue("members@odata.bind", "Group");
  return bind.map((reference) => {
    if (typeof reference !== "string") throw invalidValue("members@odata.bind", "Group");
    return readReference({ "@odata.id": reference });
  });
}

function memberUser(tenant: EntraTenant, id: string): string {
  const user = tenant.directory.user(id);
  if (user && user.deletedDateTime === null) return user.id;
  if (tenant.directory.group(id)) {
    throw new EntraError(
      400,
      "Request_BadRequest",
      "Nested groups are not emulated: Entra provisioning reads direct user members only.",
    );
  }
  throw notFound(id);
}

function memberExists(): EntraError {
  return new EntraError(
    400,
    "Request_BadRequest",
    "One or more added object references already exist for the following modified properties: 'members'.",
  );
}

/**
 * PATCH /groups/{id}: displayName and description, and members@odata.bind, which adds members,
 * at most 20 per request (https://learn.microsoft.com/graph/api/group-update). Everything is checked before anything changes.
 */
function patchGroup(tenant: EntraTenant, group: EntraGroup, body: JsonObject): void {
  assertLength(body, "Group");
  const update: { displayName?: string; description?: string | null } = {};
  const added = readMembersBind(body).map((id) => memberUser(tenant, id));
  if (added.length > 20)
    throw new EntraError(400, "Request_BadRequest", "A maximum of 20 members can be added in one request.");
  if (added.some((id) => group.members.has(id))) throw memberExists();
  for (const [name, value] of Object.entries(body)) {
    if (name === "members@odata.bind") continue;
    if (name === "displayName") {
      if (typeof value !== "string") throw invalidValue(name, "Group");
      update.displayName = value;
    } else if (name === "description") {
      if (value !== null && typeof value !== "string") throw invalidValue(name, "Group");
      update.description = value;
    } else if (name !== "@odata.type") {
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Property '${name}' does not exist as a declared property or extension property.`,
      );
    }
  }
  tenant.directory.updateGroup(group.id, update);
  for (const id of added) tenant.directory.addMember(group.id, id);
}

function liveMembers(tenant: EntraTenant, group: EntraGroup): JsonObject[] {
  return [...group.members]
    .map((id) => tenant.directory.user(id))
    .filter((user) => user !== undefined && user.deletedDateTime === null)
    .map((user): JsonObject => ({ "@odata.type": "#microsoft.graph.user", ...toGraphUser(user!) }));
}
