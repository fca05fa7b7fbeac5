import { Hono } from "hono";
import { isJsonObject, type JsonObject, type JsonValue } from "../../scim/json.ts";
import { EntraError } from "../entra-error.ts";
import type { EntraTenant, TenantApp } from "../entra-tenant.ts";
import { toGraphUser } from "./graph-user.ts";
import { toOnDemandResponse } from "./provision-on-demand.ts";

const GRAPH = "https://graph.microsoft.com/v1.0";

/**
 * The fake Entra's Graph-shaped HTTP API under /v1.0 (a Hono app that never listens).
 * Lists are `{"value": [...]}`; users are addressed by id or userPrincipalName.
 */
export function createEntraApp(tenant: EntraTenant): Hono {
  const app = new Hono();

  app.onError((error) => {
    if (error instanceof EntraError) return error.toResponse();
    console.error("synclab: unexpected error in the fake Entra:", error);
    return Response.json(
      { error: { code: "InternalServerError", message: "internal error in the fake Entra" } },
      { status: 500 },
    );
  });
  app.notFound((c) =>
    new EntraError(
      404,
      "NotFound",
      `Resource not found for the segment '${new URL(c.req.url).pathname}'.`,
    ).toResponse(),
  );

  app.get("/v1.0/users", (c) =>
    c.json({
      "@odata.context": `${GRAPH}/$metadata#users`,
      value: tenant.directory.users().map(toGraphUser),
    }),
  );
  app.get("/v1.0/users/:id", (c) => c.json(toGraphUser(requireUser(tenant, c.req.param("id")))));
  app.patch("/v1.0/users/:id", async (c) => {
    const body = await readJson(c.req.raw);
    tenant.directory.updateUser(requireUser(tenant, c.req.param("id")).id, body);
    // Graph answers a user PATCH with 204 No Content.
    return c.body(null, 204);
  });

  app.get("/v1.0/servicePrincipals", (c) =>
    c.json({
      "@odata.context": `${GRAPH}/$metadata#servicePrincipals`,
      value: tenant.apps().map(({ job }) => ({
        id: job.servicePrincipalId,
        appId: job.appId,
        displayName: job.displayName,
        tags: ["WindowsAzureActiveDirectoryCustomSingleSignOnApplication"],
      })),
    }),
  );
  app.get("/v1.0/servicePrincipals/:id/synchronization/jobs", (c) => {
    const { job } = requireApp(tenant, c.req.param("id"));
    return c.json({ value: [toGraphJob(job)] });
  });
  app.post("/v1.0/servicePrincipals/:id/synchronization/jobs/:jobId/provisionOnDemand", async (c) => {
    const app = requireJob(tenant, c.req.param("id"), c.req.param("jobId"));
    const subject = parseOnDemandBody(await readJson(c.req.raw), app);
    const result = await app.engine.provisionOnDemand(subject);
    const [first] = result.results;
    if (!first) throw new EntraError(400, "BadRequest", "nothing was provisioned");
    return c.json(toOnDemandResponse(first.log));
  });
  app.get("/v1.0/auditLogs/provisioning", (c) =>
    c.json({
      "@odata.context": `${GRAPH}/$metadata#auditLogs/provisioning`,
      value: tenant
        .apps()
        .flatMap(({ engine }) => engine.logs)
        .sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime)),
    }),
  );

  return app;
}

function toGraphJob(job: TenantApp["job"]): JsonObject {
  return {
    id: job.jobId,
    templateId: "scim",
    schedule: { expiration: null, interval: "PT40M", state: job.status === "Paused" ? "Paused" : "Active" },
    status: { code: job.status, lastExecution: null, quarantine: null },
    synchronizationJobSettings: [],
  };
}

function requireUser(tenant: EntraTenant, idOrUpn: string) {
  const user = tenant.directory.user(idOrUpn);
  if (!user || user.deletedDateTime !== null) {
    throw new EntraError(
      404,
      "Request_ResourceNotFound",
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

function requireApp(tenant: EntraTenant, servicePrincipalId: string): TenantApp {
  const app = tenant.app(servicePrincipalId);
  if (!app)
    throw new EntraError(404, "Request_ResourceNotFound", `Resource '${servicePrincipalId}' does not exist.`);
  return app;
}

function requireJob(tenant: EntraTenant, servicePrincipalId: string, jobId: string): TenantApp {
  const app = requireApp(tenant, servicePrincipalId);
  if (app.job.jobId !== jobId) throw new EntraError(404, "NotFound", `The job ${jobId} does not exist.`);
  return app;
}

/** `{"parameters":[{"subjects":[{"objectId":"...","objectTypeName":"User"}],"ruleId":"..."}]}`; ruleId may be left out with one rule. */
function parseOnDemandBody(body: Record<string, JsonValue>, app: TenantApp): string {
  const parameters = body.parameters;
  const first = Array.isArray(parameters) ? parameters[0] : undefined;
  const subjects = isJsonObject(first) ? first.subjects : undefined;
  const subject = Array.isArray(subjects) ? subjects[0] : undefined;
  if (!isJsonObject(first) || !isJsonObject(subject) || typeof subject.objectId !== "string") {
    throw new EntraError(
      400,
      "BadRequest",
      'expected {"parameters":[{"subjects":[{"objectId":"...","objectTypeName":"User"}],"ruleId":"..."}]}',
    );
  }
  if (first.ruleId !== undefined && first.ruleId !== app.job.ruleId) {
    throw new EntraError(
      400,
      "BadRequest",
      `unknown ruleId ${JSON.stringify(first.ruleId)}; this job's rule is ${app.job.ruleId}`,
    );
  }
  if (subject.objectTypeName !== undefined && subject.objectTypeName !== "User") {
    throw new EntraError(
      400,
      "BadRequest",
      `objectTypeName ${JSON.stringify(subject.objectTypeName)} is not supported yet`,
    );
  }
  return subject.objectId;
}

async function readJson(request: Request): Promise<Record<string, JsonValue>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new EntraError(400, "BadRequest", "the request body is not valid JSON");
  }
  if (!isJsonObject(body)) throw new EntraError(400, "BadRequest", "the request body must be a JSON object");
  return body;
}
