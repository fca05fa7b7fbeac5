import { describe, expect, it } from "vitest";
import { createDashboardApp } from "./create-dashboard-app.ts";

// Nothing listens at this port: requests that pass the checks would fail to connect.
const app = createDashboardApp({
  entraUrl: "http://127.0.0.1:9",
  immutaUrl: "http://127.0.0.1:9",
  apiKey: "k",
});

describe("dashboard server", () => {
  it.each([
    ["a foreign Host (DNS rebinding)", new Request("http://evil.example/api/entra"), 421, "foreign-host"],
    [
      "a write without a JSON content type",
      new Request("http://127.0.0.1/api/graph/users/x", {
        method: "PATCH",
        body: "{}",
        headers: { "content-type": "text/plain" },
      }),
      415,
      "json-only",
    ],
    [
      "an Immuta path outside /bim and the control API",
      new Request("http://127.0.0.1/api/immuta/bim/../scim/entra/Users"),
      404,
      "not-proxied",
    ],
    [
      "a static file name with a path in it",
      new Request("http://127.0.0.1/static/..%2Fcreate-dashboard-app.ts"),
      404,
      "not-found",
    ],
  ])("refuses %s", async (_name, request, status, code) => {
    const response = await app.fetch(request);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("serves the page and its modules from the repository", async () => {
    const page = await app.fetch(new Request("http://127.0.0.1/"));
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('src="/static/main.js"');
    const module = await app.fetch(new Request("http://localhost/static/main.js"));
    expect(module.headers.get("content-type")).toContain("text/javascript");
  });
});
