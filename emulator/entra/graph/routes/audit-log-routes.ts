import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import type { ProvisioningLogRecord } from "../../provisioning/index.ts";
import type { EntraTenant } from "../../tenant/index.ts";
import { graphResources } from "../graph-resources.ts";
import { listResponse } from "../odata-list.ts";

/** Response header: how many records the apps' bounded provisioning logs have dropped in total. */
export const DROPPED_RECORDS_HEADER = "x-synclab-dropped-records";

/** One job's kept records, oldest first, and whether their times never go back. */
type KeptLog = { readonly records: readonly ProvisioningLogRecord[]; readonly inTimeOrder: boolean };

/**
 * Newest first from logs each kept oldest first: a lazy merge, so a page of `$top` records reads
 * that many and not the whole log. Ties go to the later app, then the later record, as one list in
 * app order sorted newest first would have them.
 */
function* newestFirst(logs: readonly (readonly ProvisioningLogRecord[])[]): Generator<ProvisioningLogRecord> {
  const cursors = logs.map((log) => log.length - 1);
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
    if (pick === -1) return;
    const at = cursors[pick] ?? 0;
    const record = logs[pick]?.[at];
    if (record !== undefined) yield record;
    cursors[pick] = at - 1;
  }
}

// Only a clock moved back makes a log out of time order; then sort as a whole list would.
function sortedNewestFirst(logs: readonly KeptLog[]): Iterable<ProvisioningLogRecord> {
  const records = logs.map((log) => log.records);
  if (logs.every((log) => log.inTimeOrder)) return newestFirst(records);
  return records
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
    const records = sortedNewestFirst(engines.map((engine) => engine.log)) as Iterable<JsonObject>;
    const dropped = engines.reduce((sum, engine) => sum + engine.log.dropped, 0);
    c.header(DROPPED_RECORDS_HEADER, String(dropped));
    return c.json(listResponse(c.req.raw, "auditLogs/provisioning", records, resources.provisioning));
  });
}
