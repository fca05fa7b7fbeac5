import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { graphResources } from "../graph-resources.ts";
import { listResponse } from "../odata-list.ts";

/**
 * `GET /v1.0/auditLogs/provisioning` (https://learn.microsoft.com/graph/api/provisioningobjectsummary-list): every job's
 * provisioningObjectSummary records, newest first, with `$top`, `$filter` (any field path, e.g.
 * `provisioningStatusInfo/status eq 'failure'`, `jobId eq '...'`, `activityDateTime ge ...`,
 * `contains(sourceIdentity/displayName,'ali')`), `$select` and paging. `$orderby`, `$search` and
 * `$expand` are refused: the list page documents none of them.
 */
export function registerAuditLogRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  app.get("/v1.0/auditLogs/provisioning", (c) => {
    const records = tenant
      .apps()
      .flatMap(({ engine }) => engine.logs)
      .map((record, index) => ({ record, index }))
      // Newest first; records of one instant keep their reverse write order.
      .sort((a, b) => b.record.activityDateTime.localeCompare(a.record.activityDateTime) || b.index - a.index)
      .map(({ record }) => record as unknown as JsonObject);
    return c.json(listResponse(c.req.raw, "auditLogs/provisioning", records, resources.provisioning));
  });
}
