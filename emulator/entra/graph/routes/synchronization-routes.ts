import type { Hono } from "hono";
import { isJsonObject, type JsonObject } from "../../../scim/index.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraTenant, TenantApp } from "../../tenant/index.ts";
import { RESTART_SCOPES, type RestartScope } from "../../provisioning/index.ts";
import { withContext } from "../odata-list.ts";
import { registerSynchronizationSetupRoutes } from "./synchronization-setup-routes.ts";
import { readJson, requireApp, requireJob } from "../graph-http.ts";
import { applySecrets, readBaseAddress, readSecretList } from "../job-secrets.ts";
import { parseOnDemandBody, toOnDemandResponse } from "../provision-on-demand.ts";

const JOB = "/v1.0/servicePrincipals/:id/synchronization/jobs/:jobId";

/**
 * `/v1.0/servicePrincipals/{id}/synchronization/...` (v1.0 api/synchronization-*.md): jobs, the
 * schema, provision on demand, Test Connection, start/restart/pause, and the job secrets. Each
 * action answers when it is done (`start` runs one whole cycle first), so scripts never poll.
 */
export function registerSynchronizationRoutes(app: Hono, tenant: EntraTenant): void {
  const job = (c: { req: { param: (name: "id" | "jobId") => string } }): TenantApp =>
    requireJob(tenant, c.req.param("id"), c.req.param("jobId"));

  registerSynchronizationSetupRoutes(app, tenant);

  // Saving a schema restores the configuration and triggers an initial cycle
  // (https://learn.microsoft.com/entra/identity/app-provisioning/export-import-provisioning-configuration).
  app.put(`${JOB}/schema`, async (c) => {
    const target = job(c);
    tenant.changeSchema(target, await readJson(c.req.raw));
    return c.body(null, 204);
  });

  app.post(`${JOB}/provisionOnDemand`, async (c) => {
    const target = job(c);
    const subject = parseOnDemandBody(await readJson(c.req.raw), target.job.ruleId);
    const objectId = resolveSubject(tenant, subject);
    const result = await tenant.provisionOnDemand(
      target,
      objectId,
      subject.members === null
        ? {}
        : { members: subject.members.map((member) => tenant.directory.user(member)?.id ?? member) },
    );
    // A group's answer is the group's own record; its members' records are in the provisioning logs.
    const [first] = result.results;
    if (!first) throw new EntraError(400, "BadRequest", "Nothing was provisioned.");
    return c.json(
      withContext(c.req.raw, "microsoft.graph.stringKeyStringValuePair", toOnDemandResponse(first.log)),
    );
  });

  // Test Connection: 204 when the SCIM endpoint answers the probe as Entra expects
  // (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
  app.post(`${JOB}/validateCredentials`, async (c) => {
    const target = job(c);
    const body = await readJson(c.req.raw, { optional: true });
    const credentials = readCredentials(body, target);
    const result = await tenant.validateCredentials(target, credentials);
    if (result.ok || result.error === null) return c.body(null, 204);
    throw new EntraError(
      400,
      "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
      result.error.reason,
    );
  });

  app.post(`${JOB}/start`, async (c) => {
    const target = job(c);
    await readJson(c.req.raw, { optional: true });
    // The answer is 204 with no body: nothing reads the cycle's result (the log records are in the job's log).
    await tenant.runCycle(target, undefined, { keepResults: false });
    return c.body(null, 204);
  });

  app.post(`${JOB}/restart`, async (c) => {
    const target = job(c);
    const body = await readJson(c.req.raw, { optional: true });
    const resetScope = readResetScope(body);
    tenant.restart(target, resetScope);
    return c.body(null, 204);
  });

  app.post(`${JOB}/pause`, async (c) => {
    const target = job(c);
    await readJson(c.req.raw, { optional: true });
    tenant.pause(target);
    return c.body(null, 204);
  });

  app.put("/v1.0/servicePrincipals/:id/synchronization/secrets", async (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const body = await readJson(c.req.raw);
    applySecrets(target, readSecretList(body.value, "value"));
    return c.body(null, 204);
  });
}

/** The subject's object id: a user by id or userPrincipalName, or a group by id or display name. */
function resolveSubject(
  tenant: EntraTenant,
  subject: { objectId: string; objectTypeName: "User" | "Group" },
): string {
  if (subject.objectTypeName === "User") {
    const user = tenant.directory.user(subject.objectId);
    if (!user) throw notFoundSubject(subject.objectId);
    return user.id;
  }
  const group =
    tenant.directory.group(subject.objectId) ??
    tenant.directory.groups().find((candidate) => candidate.displayName === subject.objectId);
  if (!group) throw notFoundSubject(subject.objectId);
  return group.id;
}

function notFoundSubject(id: string): EntraError {
  return new EntraError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/**
 * validateCredentials body: `{"useSavedCredentials": true}` (or no body) tests the saved ones;
 * otherwise `credentials` holds BaseAddress and SecretToken
 * (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-validatecredentials).
 */
function readCredentials(
  body: JsonObject,
  app: TenantApp,
): { baseAddress: string; secretToken: string } | null {
  if (body.useSavedCredentials === true || body.credentials === undefined) return null;
  const secrets = readSecretList(body.credentials, "credentials");
  const baseAddress = readBaseAddress(secrets.get("BaseAddress") ?? app.job.config.tenantUrl);
  const secretToken = secrets.get("SecretToken");
  // The saved token goes only where it was saved for: a page could otherwise send it anywhere.
  if (secretToken === undefined && baseAddress !== app.job.config.tenantUrl) {
    throw new EntraError(
      400,
      "BadRequest",
      "A BaseAddress other than the saved one needs its own SecretToken; the saved token is not sent to it.",
    );
  }
  return { baseAddress, secretToken: secretToken ?? app.job.config.secretToken };
}

/**
 * The documented `synchronizationJobRestartScope` flags
 * (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-restart), with what
 * each resets in the engine. `None` and `ForceDeletes` (let deletions past the accidental-deletion
 * threshold through; the fake has no threshold) reset nothing.
 */
const DOCUMENTED_SCOPES: Readonly<Record<string, readonly RestartScope[]>> = {
  none: [],
  connectordatastore: ["ConnectorDataStore"],
  escrows: ["Escrows"],
  watermark: ["Watermark"],
  quarantinestate: ["QuarantineState"],
  full: ["Full"],
  forcedeletes: [],
};

/**
 * `{"criteria": {"resetScope": "Full"}}`; resetScope is a flags enum, so "Watermark, Escrows" too.
 * Assumed: an empty value (what the portal's Restart sends) is a restart without criteria.
 */
function readResetScope(body: JsonObject): RestartScope[] | null {
  const criteria = body.criteria;
  if (criteria === undefined || criteria === null) return null;
  if (!isJsonObject(criteria)) throw new EntraError(400, "BadRequest", "'criteria' must be an object");
  const scope = criteria.resetScope;
  if (scope === undefined || scope === null) return null;
  if (typeof scope !== "string") throw new EntraError(400, "BadRequest", "'resetScope' must be a string");
  if (scope.trim() === "") return null;
  const known = [
    ...new Set([...Object.keys(DOCUMENTED_SCOPES), ...RESTART_SCOPES.map((name) => name.toLowerCase())]),
  ];
  return scope.split(",").flatMap((part) => {
    const name = part.trim().toLowerCase();
    const mapped =
      DOCUMENTED_SCOPES[name] ?? RESTART_SCOPES.filter((candidate) => candidate.toLowerCase() === name);
    if (!known.includes(name)) {
      throw new EntraError(
        400,
        "BadRequest",
        `resetScope '${part.trim()}' is not one of None, ConnectorDataStore, Escrows, Watermark, QuarantineState, Full, ForceDeletes`,
      );
    }
    return [...mapped];
  });
}
