import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageFile } from "../cli/package-file.ts";
import { Hono, type Context } from "hono";
import type { IamConfig } from "../emulator/immuta/index.ts";
import { buildAttributeFlow, type FlowInput } from "./attribute-flow.ts";
import { createFakesClient, type FakesClient, type FakesOptions, type Passed } from "./fakes-client.ts";
import { readTraffic } from "./traffic.ts";

// From the package root, not this module: compiled, the module sits in dist/chunks/.
const STATIC_DIR = packageFile("dashboard/static");
const STATIC_NAME = /^[a-z0-9-]+\.(html|css|js|svg|png)$/;
const CONTENT_TYPES = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
} as const;
/** Names a browser on this machine uses for a loopback server; anything else may be DNS rebinding. */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The dashboard: static HTML, CSS and ES modules from `dashboard/static`, and `/api/...` routes that
 * pass calls on to the fakes' Graph, /bim and control APIs or compute views (traffic, attribute
 * flow) from their answers. It never reaches into a fake's objects.
 */
export function createDashboardApp(options: FakesOptions & { host?: string }): Hono {
  const fakes = createFakesClient(options);
  const app = new Hono();
  const allowed = new Set([...LOCAL_HOSTS, options.host ?? "127.0.0.1"]);

  app.onError((error, c) => c.json({ error: { code: "dashboard-error", message: error.message } }, 502));
  app.use("*", async (c, next) => {
    const host = (c.req.header("host") ?? new URL(c.req.url).host).replace(/:\d+$/, "");
    if (!allowed.has(host)) return c.json({ error: { code: "foreign-host", message: "unknown Host" } }, 421);
    const write = c.req.method !== "GET" && c.req.method !== "HEAD";
    // A cross-site form can post text/plain without a preflight; a JSON content type cannot be sent so.
    if (write && !(c.req.header("content-type") ?? "").startsWith("application/json")) {
      return c.json(
        { error: { code: "json-only", message: "writes need Content-Type: application/json" } },
        415,
      );
    }
    return next();
  });

  app.get("/", (c) => file(c, "index.html"));
  app.get("/static/:name", (c) => file(c, c.req.param("name")));

  app.get("/api/entra", async (c) => passOn(c, await fakes.entraControl()));
  app.all("/api/graph/*", async (c) => {
    const path = c.req.url.slice(c.req.url.indexOf("/api/graph") + "/api/graph".length);
    return passOn(c, await fakes.graph(c.req.method, path, await bodyOf(c)));
  });
  app.all("/api/immuta/*", async (c) => {
    const path = c.req.url.slice(c.req.url.indexOf("/api/immuta") + "/api/immuta".length);
    return passOn(c, await fakes.immuta(c.req.method, path, await bodyOf(c)));
  });

  app.get("/api/traffic", async (c) => {
    const after = Number(c.req.query("after") ?? 0);
    const har = await fakes.immutaJson("/_synclab/immuta/journal.har");
    return c.json(readTraffic(har, Number.isFinite(after) ? after : 0));
  });
  app.get("/api/traffic.har", async (c) => {
    const passed = await fakes.immuta("GET", "/_synclab/immuta/journal.har");
    c.header("content-disposition", 'attachment; filename="synclab-scim-traffic.har"');
    return passOn(c, passed);
  });

  app.get("/api/flow", async (c) => c.json(await flowFor(fakes, c.req.query("user") ?? "")));
  return app;
}

async function file(c: Context, name: string): Promise<Response> {
  const extension = STATIC_NAME.exec(name)?.[1] as keyof typeof CONTENT_TYPES | undefined;
  if (extension === undefined) return c.json({ error: { code: "not-found", message: name } }, 404);
  try {
    const bytes = await readFile(join(STATIC_DIR, name));
    return c.body(bytes, 200, { "content-type": CONTENT_TYPES[extension], "cache-control": "no-cache" });
  } catch {
    return c.json({ error: { code: "not-found", message: name } }, 404);
  }
}

async function bodyOf(c: Context): Promise<string | undefined> {
  if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
  const text = await c.req.text();
  return text === "" ? undefined : text;
}

function passOn(c: Context, passed: Passed): Response {
  if (passed.status === 204) return c.body(null, 204);
  return c.body(passed.body, passed.status as 200, { "content-type": passed.contentType });
}

type EntraControl = { apps: { servicePrincipalId: string; jobId: string; tenantUrl: string }[] };

/** Everything buildAttributeFlow needs, read from the fakes' APIs. */
async function flowFor(fakes: FakesClient, userId: string) {
  const control = (await fakes.entraControlJson()) as EntraControl;
  const job = control.apps[0];
  if (!job) throw new Error("the fake Entra has no enterprise app");
  const [user, schema, iams] = await Promise.all([
    fakes.graphJson(`/users/${encodeURIComponent(userId)}`) as Promise<Record<string, unknown>>,
    fakes.graphJson(`/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/schema`),
    fakes.immutaJson("/_synclab/immuta/iams") as Promise<IamConfig[]>,
  ]);
  const userName = typeof user.userPrincipalName === "string" ? user.userPrincipalName : userId;
  const found = (await fakes.immutaJson(
    `/bim/user?includeDisabled=true&size=100&userid=${encodeURIComponent(userName)}`,
  )) as { hits: (NonNullable<FlowInput["immutaUser"]> & { userid: string })[] };
  const tenantIam = iams.find((iam) => new URL(job.tenantUrl.split("?")[0] ?? "").pathname === iam.scimPath);
  const immutaUser =
    found.hits.find(
      (hit) => hit.userid.toLowerCase() === userName.toLowerCase() && hit.iamid === tenantIam?.id,
    ) ??
    found.hits.find((hit) => hit.userid.toLowerCase() === userName.toLowerCase()) ??
    null;
  const ownImmuta = new URL(job.tenantUrl).origin === fakes.immutaOrigin;
  return {
    user: { id: user.id, userPrincipalName: userName, displayName: user.displayName ?? null },
    iam: tenantIam?.id ?? null,
    flows: buildAttributeFlow({ schema, tenantUrl: job.tenantUrl, ownImmuta, iams, user, immutaUser }),
  };
}
