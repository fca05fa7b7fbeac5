import type { Hono } from "hono";
import type { EntraTenant } from "../../entra-tenant.ts";

/**
 * `/_synclab/entra`: what neither Entra nor Graph has, under a path that can't collide with one
 * (DESIGN.md). `GET /_synclab/entra` lists the ids a script needs (tenant, service principals, jobs,
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
}
