import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import type { ProvisioningLogRecord } from "../../provisioning/index.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { graphResources } from "../graph-resources.ts";
import { listResponse } from "../odata-list.ts";

/** Response header: how many records the apps' bounded provisioning logs have dropped in total. */
export const DROPPED_RECORDS_HEADER = "x-synclab-dropped-records";

/**
 * Newest first from logs each kept oldest first: a merge, not a sort. Ties go to the later app,
 * then the later record, as one list in app order sorted newest first would have them.
 */
function newestFirst(logs: readonly (readonly ProvisioningLogRecord[])[]): ProvisioningLogRecord[] {
  const cursors = logs.map((log) => log.length - 1);
  const merged: ProvisioningLogRecord[] = [];
  for (;;) {
    let pick = -1;
    let pickTime = "";
    logs.forEach((log, index) => {
      const record = log[cursors[index] ?? -1];
      if (record !== undefined && (pick === -1 || record.activityDateTime >= pickTime)) {
        pick = index;
        pickTime = record.activityDateTime;
      }
    });
    if (pick === -1) return merged;
    const at = cursors[pick] ?? 0;
    const record = logs[pick]?.[at];
    if (record !== undefined) merged.push(record);
    cursors[pick] = at - 1;
  }
}

function inTimeOrder(log: readonly ProvisioningLogRecord[]): boolean {
  return log.every(
    (record, index) => index === 0 || (log[index - 1]?.activityDateTime ?? "") <= record.activityDateTime,
  );
}

// Only a clock moved back makes a log out of time order; then sort as a whole list would.
function sortedNewestFirst(logs: readonly (readonly ProvisioningLogRecord[])[]): ProvisioningLogRecord[] {
  if (logs.every(inTimeOrder)) return newestFirst(logs);
  return logs
    .flat()
    .map((record, index) => ({ record, index }))
    .sort((a, b) => b.record.activityDateTime.localeCompare(a.record.activityDateTime) || b.index - a.index)
    .map(({ record }) => record);
}

/**
 * `GET /v1.0/auditLogs/provisioning` (https://learn.microsoft.com/graph/api/provisioningobjectsummary-list): every job's
 * provisioningObjectSummary records, newest first, with `$top`, `$filter` (any field path, e.g.
 * `provisioningStatusInfo/status eq 'failure'`, `jobId eq '...'`, `activityDateTime ge ...`,
 * `contains(sourceIdentity/displayName,'ali')`), `$select` and paging. `$orderby`, `$search` and
 * `$expand` are refused: the list page documents none of them. The `x-synclab-dropped-records`
 * header tells how many records the bounded logs no longer hold.
 */
export function registerAuditLogRoutes(app: Hono, tenant: EntraTenant): void {
  const resources = graphResources(tenant);
  app.get("/v1.0/auditLogs/provisioning", (c) => {
    const engines = tenant.apps().map(({ engine }) => engine);
    const records = sortedNewestFirst(engines.map((engine) => engine.logs)).map(
      (record) => record as unknown as JsonObject,
    );
    const dropped = engines.reduce((sum, engine) => sum + engine.log.dropped, 0);
    c.header(DROPPED_RECORDS_HEADER, String(dropped));
    return c.json(listResponse(c.req.raw, "auditLogs/provisioning", records, resources.provisioning));
  });
}
