import type { Hono } from "hono";
import { iamConfigInputSchema } from "./iam-config.ts";
import { ImmutaApiError } from "./immuta-api-error.ts";
import type { ImmutaState } from "./immuta-state.ts";
import { journalToHar } from "./journal.ts";
import { reprojectUsers } from "./user-service.ts";

/**
 * Control endpoints neither real product has, under /_synclab/immuta (DESIGN.md): read and replace
 * an IAM's settings, reset users and groups, export the SCIM journal as HAR. Same API key as /bim.
 */
export function registerControlRoutes(app: Hono, state: ImmutaState): void {
  app.use("/_synclab/immuta/*", async (c, next) => {
    if (!state.isApiCredential(c.req.header("authorization")))
      throw new ImmutaApiError(401, "missing or invalid API key");
    return next();
  });

  app.get("/_synclab/immuta/iams/:iamid", (c) => {
    const iam = state.iam(c.req.param("iamid"));
    if (!iam) throw new ImmutaApiError(404, `IAM '${c.req.param("iamid")}' not found`);
    return c.json(iam.config);
  });

  app.put("/_synclab/immuta/iams/:iamid", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ImmutaApiError(400, "request body must be JSON");
    }
    const parsed = iamConfigInputSchema.safeParse({
      ...(typeof body === "object" && body !== null ? body : {}),
      id: c.req.param("iamid"),
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`,
      );
      throw new ImmutaApiError(400, problems.join("; "));
    }
    const iam = state.putIam(parsed.data);
    reprojectUsers(iam);
    return c.json(iam.config);
  });

  app.post("/_synclab/immuta/reset", (c) => {
    state.reset();
    return c.body(null, 204);
  });

  app.get("/_synclab/immuta/journal.har", (c) => {
    c.header("content-disposition", 'attachment; filename="synclab-immuta-journal.har"');
    return c.json(journalToHar(state.journal.entries()));
  });
}
