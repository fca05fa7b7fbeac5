import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/json.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { listResponse } from "../odata-list.ts";

/**
 * `GET /v1.0/auditLogs/provisioning` (v1.0 api/provisioningobjectsummary-list.md): every job's
 * provisioningObjectSummary records, newest first, with `$top`, `$filter` (any field path, e.g.
 * `provisioningStatusInfo/status eq 'failure'`, `jobId eq '...'`, `activityDateTime ge ...`),
 * `$select` and paging.
 */
export function registerAuditLogRoutes(app: Hono, tenant: EntraTenant): void {
  app.get("/v1.0/auditLogs/provisioning", (c) => {
    const records = tenant
      .apps()
      .flatMap(({ engine }) => engine.logs)
      .map((record, index) => ({ record, index }))
      // Newest first; records of one instant keep their reverse write order.
      .sort((a, b) => b.record.activityDateTime.localeCompare(a.record.activityDateTime) || b.index - a.index)
      .map(({ record }) => record as unknown as JsonObject);
    return c.json(
      listResponse(new URL(c.req.url), "auditLogs/provisioning", records, { maxTop: 1000, defaultTop: 1000 }),
    );
  });
}
