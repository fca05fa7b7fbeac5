import type { Hono } from "hono";
import { EntraError } from "../../entra-error.ts";
import { QUIRKS, type QuirkName } from "../../quirks.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { readJson, requireApp } from "../graph-http.ts";

/**
 * `/_synclab/entra`: what neither Entra nor Graph has, under a path that can't collide with one.
 * `GET /_synclab/entra` lists the ids a script needs (tenant, service principals, jobs,
 * rules) and each job's state.
 */
export function registerControlRoutes(app: Hono, tenant: EntraTenant): void {
  app.get("/_synclab/entra", (c) =>
    c.json({
      tenantId: tenant.tenantId,
      users: tenant.directory.users().length,
      deletedUsers: tenant.directory.users({ includeDeleted: true }).length - tenant.directory.users().length,
      groups: tenant.directory.groups().length,
      apps: tenant.apps().map(({ job, engine, state }) => ({
        displayName: job.displayName,
        servicePrincipalId: job.servicePrincipalId,
        appId: job.appId,
        jobId: job.jobId,
        ruleId: job.ruleId,
        status: job.status,
        tenantUrl: job.config.tenantUrl,
        assignments: [...job.assignments],
        linkedUsers: engine.anchors.size,
        logRecords: engine.logs.length,
        lastCycle: state.lastCycle,
      })),
    }),
  );

  // Flips one of the emulator's quirk switches for the app's job, as a scenario's setQuirk step does.
  app.put("/_synclab/entra/servicePrincipals/:id/quirks/:name", async (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const name = c.req.param("name");
    if (!Object.hasOwn(QUIRKS, name)) {
      throw new EntraError(
        400,
        "BadRequest",
        `'${name}' is not a quirk: one of ${Object.keys(QUIRKS).join(", ")}`,
      );
    }
    const { value } = await readJson(c.req.raw);
    if (typeof value !== "boolean") throw new EntraError(400, "BadRequest", "'value' must be true or false");
    tenant.setQuirk(target, name as QuirkName, value);
    return c.body(null, 204);
  });
}
