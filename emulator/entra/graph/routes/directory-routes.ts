import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { notFound } from "../../directory/directory.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { toGraphGroup } from "../graph-group.ts";
import { toGraphUser } from "../graph-user.ts";
import { graphResources } from "../graph-resources.ts";
import { listResponse, withContext } from "../odata-list.ts";

/**
 * The recycle bin (v1.0 api/directory-deleteditems-*.md): list deleted users or groups, get one,
 * restore it (200 with the object), purge it for good (204; provisioning then sends a hard delete).
 */
export function registerDirectoryRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  const deletedUser = (id: string) =>
    tenant.directory
      .users({ includeDeleted: true })
      .find((user) => user.id === id && user.deletedDateTime !== null);
  const deletedGroup = (id: string) =>
    tenant.directory
      .groups({ includeDeleted: true })
      .find((group) => group.id === id && group.deletedDateTime !== null);
  const deletedItem = (id: string): JsonObject => {
    const user = deletedUser(id);
    if (user) return { "@odata.type": "#microsoft.graph.user", ...toGraphUser(user) };
    const group = deletedGroup(id);
    if (group) return toGraphGroup(group);
    throw notFound(id);
  };

  app.get("/v1.0/directory/deletedItems/microsoft.graph.user", (c) => {
    const users = tenant.directory
      .users({ includeDeleted: true })
      .filter((user) => user.deletedDateTime !== null)
      .map((user): JsonObject => ({ "@odata.type": "#microsoft.graph.user", ...toGraphUser(user) }));
    return c.json(
      listResponse(c.req.raw, "directory/deletedItems/microsoft.graph.user", users, resources.users),
    );
  });

  app.get("/v1.0/directory/deletedItems/microsoft.graph.group", (c) => {
    const groups = tenant.directory
      .groups({ includeDeleted: true })
      .filter((group) => group.deletedDateTime !== null)
      .map(toGraphGroup);
    return c.json(
      listResponse(c.req.raw, "directory/deletedItems/microsoft.graph.group", groups, resources.groups),
    );
  });

  app.get("/v1.0/directory/deletedItems/:id", (c) =>
    c.json(withContext(c.req.raw, "directory/deletedItems/$entity", deletedItem(c.req.param("id")))),
  );

  app.post("/v1.0/directory/deletedItems/:id/restore", (c) => {
    const id = c.req.param("id");
    deletedItem(id);
    tenant.directory.restore(id);
    const user = tenant.directory.user(id);
    const group = tenant.directory.group(id);
    return c.json(
      withContext(
        c.req.raw,
        "directoryObjects/$entity",
        user
          ? { "@odata.type": "#microsoft.graph.user", ...toGraphUser(user) }
          : group
            ? toGraphGroup(group)
            : {},
      ),
    );
  });

  app.delete("/v1.0/directory/deletedItems/:id", (c) => {
    const id = c.req.param("id");
    deletedItem(id);
    tenant.directory.purge(id);
    return c.body(null, 204);
  });
}
