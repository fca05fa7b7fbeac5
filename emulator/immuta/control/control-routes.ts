import type { Hono } from "hono";
import { quotePrefix } from "../../http/index.ts";
import { assumptionRows } from "../model/assumptions.ts";
import { iamConfigInputSchema } from "../model/iam-config.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";
import { readApiJson } from "../read-api-json.ts";
import type { ImmutaState } from "../model/immuta-state.ts";
import { journalToHar } from "../model/journal.ts";
import { reprojectUsers } from "../model/project-attributes.ts";

/**
 * Control endpoints neither real product has, under /_synclab/immuta (so they never collide with a real path): read, replace
 * and delete IAM settings, list the assumptions, reset users and groups, export the SCIM journal
 * as HAR. Same credentials as /bim.
 */
export function registerControlRoutes(app: Hono, state: ImmutaState): void {
  app.use("/_synclab/immuta/*", async (c, next) => {
    if (!state.isApiCredential(c.req.header("authorization"))) {
      throw new ImmutaApiError(401, "missing or invalid API key");
    }
    return next();
  });

  app.get("/_synclab/immuta/iams", (c) => c.json(state.iams().map((iam) => iam.config)));

  app.get("/_synclab/immuta/iams/:iamid", (c) => {
    const iam = state.iam(c.req.param("iamid"));
    if (!iam) throw new ImmutaApiError(404, `IAM '${c.req.param("iamid")}' not found`);
    return c.json(iam.config);
  });

  // Replaces the IAM's settings (omitted fields take their defaults) or creates the IAM; users and
  // groups stay, and their iamAuthorizations are projected again under the new rows and switches.
  app.put("/_synclab/immuta/iams/:iamid", async (c) => {
    const iamid = c.req.param("iamid");
    const body = await readApiJson(c, state.limits, "the IAM's settings as an object");
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ImmutaApiError(400, "request body must be a JSON object");
    }
    if (Object.hasOwn(body, "id") && (body as { id: unknown }).id !== iamid) {
      throw new ImmutaApiError(400, `id: must be ${quotePrefix(iamid)}, the IAM id in the URL`);
    }
    const parsed = iamConfigInputSchema.safeParse({ ...body, id: iamid });
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`,
      );
      throw new ImmutaApiError(400, problems.join("; "));
    }
    const existed = state.iam(iamid) !== undefined;
    const iam = state.putIam(parsed.data);
    reprojectUsers(iam);
    return c.json(iam.config, existed ? 200 : 201);
  });

  app.delete("/_synclab/immuta/iams/:iamid", (c) => {
    if (!state.deleteIam(c.req.param("iamid"))) {
      throw new ImmutaApiError(404, `IAM '${c.req.param("iamid")}' not found`);
    }
    return c.body(null, 204);
  });

  app.get("/_synclab/immuta/assumptions", (c) => c.json(assumptionRows()));

  app.post("/_synclab/immuta/reset", (c) => {
    state.reset();
    return c.body(null, 204);
  });

  app.get("/_synclab/immuta/journal.har", (c) => {
    c.header("content-disposition", 'attachment; filename="synclab-immuta-journal.har"');
    return c.json(journalToHar(state.journal.entries(), { dropped: state.journal.dropped() }));
  });
}
