import { notFound } from "../directory/directory.ts";
import type { EntraTenant } from "../tenant/index.ts";

/** The path segments the fake routes, in Graph's spelling; requests may spell them in any case. */
const SEGMENTS = [
  "v1.0",
  "$batch",
  "$metadata",
  "$count",
  "$ref",
  "users",
  "groups",
  "directory",
  "deletedItems",
  "directoryObjects",
  "restore",
  "manager",
  "members",
  "memberOf",
  "directReports",
  "appRoleAssignments",
  "servicePrincipals",
  "appRoleAssignedTo",
  "synchronization",
  "jobs",
  "templates",
  "schema",
  "directories",
  "provisionOnDemand",
  "validateCredentials",
  "start",
  "restart",
  "pause",
  "secrets",
  "auditLogs",
  "provisioning",
  "microsoft.graph.user",
  "microsoft.graph.group",
] as const;

const BY_LOWER = new Map<string, string>(SEGMENTS.map((segment) => [segment.toLowerCase(), segment]));

/**
 * Type-cast segments that narrow to what the collection holds anyway: dropped. A Map, so that a
 * segment such as `__proto__` or `constructor` before a cast is no collection at all.
 */
const NO_OP_CASTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["members", ["microsoft.graph.user"]],
  ["memberOf", ["microsoft.graph.group"]],
  ["directReports", ["microsoft.graph.user"]],
  ["manager", ["microsoft.graph.user"]],
]);

/**
 * Graph's URL forms mapped to the one the routes use
 * (https://learn.microsoft.com/graph/use-the-api, OData URL conventions §4):
 * segment names in any case (`/directory/deleteditems`), a trailing slash, the short cast
 * `graph.user` as well as `microsoft.graph.user`, casts on collections that hold only that type,
 * and the alternate key `servicePrincipals(appId='...')`. Ids and user principal names keep their
 * spelling.
 *
 * @throws EntraError 404 for an appId no service principal has.
 */
export function canonicalPath(pathname: string, tenant: EntraTenant): string {
  const raw = pathname.split("/");
  while (raw.length > 1 && raw.at(-1) === "") raw.pop();
  const out: string[] = [];
  for (const segment of raw) {
    const decoded = safeDecode(segment);
    const key = /^servicePrincipals\(appId='([^']*)'\)$/i.exec(decoded);
    if (key) {
      const app = tenant
        .apps()
        .find((candidate) => candidate.job.appId.toLowerCase() === (key[1] ?? "").toLowerCase());
      if (!app) throw notFound(key[1] ?? "");
      out.push("servicePrincipals", encodeURIComponent(app.job.servicePrincipalId));
      continue;
    }
    const lower = decoded.toLowerCase();
    const cast = lower.startsWith("graph.") ? `microsoft.${lower}` : lower;
    const known = BY_LOWER.get(cast);
    if (known === undefined) {
      out.push(segment);
      continue;
    }
    if (NO_OP_CASTS.get(out.at(-1) ?? "")?.includes(known)) continue;
    out.push(known);
  }
  return out.join("/") || "/";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first segments under /v1.0 the fake serves; any other is a segment Graph does not know. */
export const ROOT_SEGMENTS = [
  "users",
  "groups",
  "directory",
  "directoryObjects",
  "servicePrincipals",
  "auditLogs",
  "$batch",
  "$metadata",
] as const;
