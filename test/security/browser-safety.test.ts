import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServers, type Served } from "../../cli/serve-command.ts";
import { rawRequest, rawSocket } from "./raw-http.ts";

const PAGE = "http://localhost:5173";
const DASHBOARD_PORT = 45_999;

/** The served fakes refuse what a web page could make a browser send them (DNS rebinding, simple requests). */
describe("browser safety of the served fakes, over HTTP", () => {
  let served: Served;
  beforeAll(async () => {
    served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
      allowHosts: ["synclab.internal"],
      corsOrigins: [PAGE],
      uiPort: DASHBOARD_PORT,
    });
  });
  afterAll(async () => {
    await served.close();
  });

  const entraUsers = () => `${served.entra.url}/v1.0/users`;
  const immutaIams = () => `${served.immuta.url}/bim/iam`;
  const scimUsers = () => `${served.immuta.url}/bim/scim/entra/Users`;

  it.each([
    ["the fake Entra", entraUsers, "error"],
    ["the fake Immuta's /bim", immutaIams, "statusCode"],
    ["the fake Immuta's SCIM", scimUsers, "schemas"],
  ])("refuses a foreign Host on %s with 403 in its error shape", async (_name, url, field) => {
    const reply = await rawRequest(url(), {
      headers: { host: "attacker.example:80", authorization: "synclab-dev-api-key" },
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toHaveProperty(field);
  });

  it.each(["localhost", "127.0.0.1", "synclab.internal"])(
    "answers a request whose Host is %s",
    async (host) => {
      const port = new URL(immutaIams()).port;
      const reply = await rawRequest(immutaIams(), {
        headers: { host: `${host}:${port}`, authorization: "synclab-dev-api-key" },
      });
      expect(reply.status).toBe(200);
    },
  );

  it("refuses a text/plain POST to Graph (a cross-site simple request) and creates no user", async () => {
    const before = served.world.tenant.directory.users().length;
    const reply = await rawRequest(entraUsers(), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({
        displayName: "Eve",
        userPrincipalName: "eve@contoso.com",
        accountEnabled: true,
      }),
    });
    expect(reply.status).toBe(415);
    expect(JSON.parse(reply.body).error.code).toBe("UnsupportedMediaType");
    expect(served.world.tenant.directory.users()).toHaveLength(before);
  });

  it("refuses a text/plain POST to Immuta's key exchange", async () => {
    const reply = await rawRequest(`${served.immuta.url}/bim/apikey/authenticate`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"apikey":"synclab-dev-api-key"}',
    });
    expect(reply.status).toBe(415);
    expect(JSON.parse(reply.body)).toMatchObject({ statusCode: 415 });
  });

  it("refuses a POST from a page of an origin nobody named, even with a JSON body", async () => {
    const reply = await rawRequest(entraUsers(), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: "{}",
    });
    expect(reply.status).toBe(403);
    expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it.each([PAGE, `http://127.0.0.1:${DASHBOARD_PORT}`, `http://localhost:${DASHBOARD_PORT}`])(
    "answers a preflight from %s with CORS headers for that origin",
    async (origin) => {
      const reply = await rawRequest(immutaIams(), {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
      expect(reply.status).toBe(204);
      expect(reply.headers["access-control-allow-origin"]).toBe(origin);
    },
  );

  it.each([
    ["a preflight", "OPTIONS", { "access-control-request-method": "POST" }],
    ["a GET", "GET", { authorization: "synclab-dev-api-key" }],
  ])("sends no CORS headers to an origin nobody named (%s)", async (_name, method, headers) => {
    const reply = await rawRequest(immutaIams(), {
      method,
      headers: { origin: "http://evil.example", ...headers },
    });
    expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("gives a named origin's GET the CORS header, so the page can read the answer", async () => {
    const reply = await rawRequest(immutaIams(), {
      headers: { origin: PAGE, authorization: "synclab-dev-api-key" },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["access-control-allow-origin"]).toBe(PAGE);
  });
});

/** Finding 11: what Node refuses before the app sees it. */
describe("the serve edge", () => {
  let served: Served;
  beforeAll(async () => {
    served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
    });
  });
  afterAll(async () => {
    await served.close();
  });

  it.each([
    [
      "a header",
      (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    ],
    ["a URL", (path: string) => `GET ${path}?q=${"a".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
  ])("answers %s over 16 KB with 431 and a body in the route's error shape", async (_name, build) => {
    const boom = await rawSocket(served.immuta.port, build("/bim/iam"));
    expect(boom).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(boom.slice(boom.indexOf("\r\n\r\n") + 4))).toMatchObject({ statusCode: 431 });
    const scim = await rawSocket(served.immuta.port, build("/bim/scim/entra/Users"));
    expect(JSON.parse(scim.slice(scim.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: "431" });
    const graph = await rawSocket(served.entra.port, build("/v1.0/users"));
    expect(JSON.parse(graph.slice(graph.indexOf("\r\n\r\n") + 4)).error.code).toBe("HeadersTooLarge");
  });

  it("logs nothing when a client disconnects mid-body, and still answers the next request", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const infos = vi.spyOn(console, "info").mockImplementation(() => undefined);
    try {
      const head = (path: string, auth: string) =>
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\n` +
        `Content-Type: application/scim+json\r\nContent-Length: 100000\r\n\r\n{"userName":`;
      await rawSocket(
        served.immuta.port,
        head("/bim/scim/entra/Users", "Bearer synclab-dev-scim-token"),
        true,
      );
      await rawSocket(served.immuta.port, head("/_synclab/immuta/iams/x", "synclab-dev-api-key"), true);
      const next = await fetch(`${served.immuta.url}/bim/iam`, {
        headers: { authorization: "synclab-dev-api-key" },
      });
      expect(next.status).toBe(200);
      expect(errors).not.toHaveBeenCalled();
      expect(infos).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      infos.mockRestore();
    }
  });
});
