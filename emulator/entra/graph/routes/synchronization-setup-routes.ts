import type { Hono } from "hono";
import type { JsonObject } from "../../../scim/index.ts";
import { EntraError } from "../../entra-error.ts";
import type { EntraTenant, TenantApp } from "../../tenant/index.ts";
import { exportSchema } from "../../schema/export-schema.ts";
import { readJson, requireApp, requireJob } from "../graph-http.ts";
import { toGraphJob } from "../graph-job.ts";
import { withContext } from "../odata-list.ts";

const JOB = "/v1.0/servicePrincipals/:id/synchronization/jobs/:jobId";

/** The one template of a non-gallery SCIM app: jobs are `scim.<tenant>.<id>`, templateId "scim". */
const TEMPLATE_ID = "scim";

function toTemplate(app: TenantApp): JsonObject {
  // synchronizationTemplate (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationtemplate).
  return {
    id: TEMPLATE_ID,
    applicationId: app.job.appId,
    default: true,
    description: null,
    discoverable: true,
    factoryTag: TEMPLATE_ID,
    metadata: [],
  };
}

/**
 * Reading the jobs and their schema, and the setup calls of "Configure provisioning using Microsoft Graph APIs"
 * (https://learn.microsoft.com/graph/application-provisioning-configure-api): list the templates,
 * create the job from one, read the schema's directories. Assumed: an app has exactly one job, so
 * creating a job from the "scim" template answers that job (201) rather than adding a second one.
 */
export function registerSynchronizationSetupRoutes(app: Hono, tenant: EntraTenant): void {
  const spContext = (target: TenantApp) =>
    `servicePrincipals('${target.job.servicePrincipalId}')/synchronization`;
  const job = (c: { req: { param: (name: "id" | "jobId") => string } }): TenantApp =>
    requireJob(tenant, c.req.param("id"), c.req.param("jobId"));

  app.get("/v1.0/servicePrincipals/:id/synchronization/jobs", (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    return c.json(withContext(c.req.raw, `${spContext(target)}/jobs`, { value: [toGraphJob(target)] }));
  });

  app.get(JOB, (c) => {
    const target = job(c);
    return c.json(withContext(c.req.raw, `${spContext(target)}/jobs/$entity`, toGraphJob(target)));
  });

  app.get(`${JOB}/schema`, (c) => {
    const target = job(c);
    const context = `${spContext(target)}/jobs('${target.job.jobId}')/schema/$entity`;
    return c.json(withContext(c.req.raw, context, exportSchema(target.job)));
  });

  app.get("/v1.0/servicePrincipals/:id/synchronization/templates", (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    return c.json(withContext(c.req.raw, `${spContext(target)}/templates`, { value: [toTemplate(target)] }));
  });

  app.post("/v1.0/servicePrincipals/:id/synchronization/jobs", async (c) => {
    const target = requireApp(tenant, c.req.param("id"));
    const { templateId } = await readJson(c.req.raw);
    if (typeof templateId !== "string" || templateId === "") {
      throw new EntraError(
        400,
        "Request_BadRequest",
        "Invalid value specified for property 'templateId' of resource 'SynchronizationJob'.",
      );
    }
    if (templateId.toLowerCase() !== TEMPLATE_ID) {
      throw new EntraError(
        404,
        "Request_ResourceNotFound",
        `The template '${templateId}' does not exist for application '${target.job.appId}'.`,
      );
    }
    return c.json(withContext(c.req.raw, `${spContext(target)}/jobs/$entity`, toGraphJob(target)), 201, {
      Location: `${new URL(c.req.url).origin}/v1.0/servicePrincipals/${target.job.servicePrincipalId}/synchronization/jobs/${target.job.jobId}`,
    });
  });

  app.get(`${JOB}/schema/directories`, (c) => {
    const target = job(c);
    const schema = exportSchema(target.job);
    const directories = Array.isArray(schema.directories) ? schema.directories : [];
    return c.json(
      withContext(c.req.raw, `${spContext(target)}/jobs('${target.job.jobId}')/schema/directories`, {
        value: directories,
      }),
    );
  });
}
