import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServers, type Served } from "../../cli/serve-command.ts";
import { createEntraApp } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { buildWorld, parseScenario } from "../../scenarios/index.ts";
import { rawRequest } from "../security/raw-http.ts";
import { createGraphWorld, GRAPH_SCENARIO } from "./graph-world.ts";

const FOUR_MB = 4 * 1024 * 1024;

/** Regressions of the hardening review's fake Entra findings (3, 5, 7, 8 and 12 of the review). */
describe("fake Entra hardening", () => {
  it("refuses a Graph body over 4 MB with 413 in Graph's error shape and stores nothing", async () => {
    const world = createGraphWorld();
    const before = world.tenant.directory.users().length;
    const reply = await world.call("POST", "/v1.0/users", {
      userPrincipalName: "big@contoso.com",
      displayName: "x".repeat(FOUR_MB),
      mailNickname: "big",
      accountEnabled: true,
    });
    expect(reply.status).toBe(413);
    expect(reply.json.error).toMatchObject({ code: "RequestEntityTooLarge" });
    expect(reply.json.error.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(world.tenant.directory.users().length).toBe(before);
  });

  it("takes a smaller body limit as an option of createEntraApp", async () => {
    const world = buildWorld(parseScenario("name: small\nentra: {}\nimmuta:\n  iams: [{ id: entra }]\n"), {
      runtime: createDeterministicRuntime(1),
    });
    const app = createEntraApp(world.tenant, { bodyBytes: 100 });
    const body = JSON.stringify({ userPrincipalName: "big@contoso.com", displayName: "x".repeat(200) });
    const response = await app.fetch(
      new Request("http://graph.test/v1.0/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("RequestEntityTooLarge");
  });

  it("reads a body just under 4 MB and judges what it says", async () => {
    const world = createGraphWorld();
    const reply = await world.call("POST", "/v1.0/users", {
      userPrincipalName: "large@contoso.com",
      displayName: "x".repeat(FOUR_MB - 200),
      mailNickname: "large",
      accountEnabled: true,
    });
    expect(reply.status).not.toBe(413);
    expect(reply.status).toBeLessThan(500);
    expect(reply.json.error.message.length).toBeLessThan(700);
  });

  it.each([
    [
      "an @odata.id reference",
      "POST",
      "/v1.0/groups/GROUP/members/$ref",
      { "@odata.id": "x".repeat(1_000_000) },
    ],
    [
      "a BaseAddress",
      "PUT",
      "/v1.0/servicePrincipals/SP/synchronization/secrets",
      {
        value: [{ key: "BaseAddress", value: `nope:${"x".repeat(1_000_000)}` }],
      },
    ],
    ["a user id", "GET", `/v1.0/users/${"u".repeat(100_000)}`, undefined],
  ])("quotes only a short prefix of %s in the error message", async (_name, method, path, body) => {
    const world = createGraphWorld();
    const group = world.tenant.directory.groups()[0]?.id ?? "";
    const reply = await world.call(method, path.replace("GROUP", group).replace("SP", world.sp), body);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.json.error.message.length).toBeLessThan(700);
  });

  it("never sends the saved SecretToken to a BaseAddress given without a token of its own", async () => {
    const sent: string[] = [];
    const parsed = parseScenario(GRAPH_SCENARIO);
    const world = buildWorld(parsed, {
      runtime: createDeterministicRuntime(parsed.seed),
      networkFetch: (request) => {
        sent.push(`${request.url} ${request.headers.get("authorization") ?? ""}`);
        return Promise.resolve(Response.json({ totalResults: 0, Resources: [] }));
      },
    });
    const app = createEntraApp(world.tenant);
    const { servicePrincipalId, jobId } = world.app.job;
    const validate = (credentials: { key: string; value: string }[]) =>
      app.request(
        `http://entra.synclab.test/v1.0/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${jobId}/validateCredentials`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ useSavedCredentials: false, credentials }),
        },
      );
    const stolen = await validate([{ key: "BaseAddress", value: "https://attacker.example/scim" }]);
    expect(stolen.status).toBe(400);
    expect(sent).toEqual([]);
    const own = await validate([
      { key: "BaseAddress", value: "https://other.example/scim" },
      { key: "SecretToken", value: "its-own-token" },
    ]);
    expect(own.status).toBe(204);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^https:\/\/other\.example\/scim\/Users\?.* Bearer its-own-token$/);
  });

  it("lets a provision on demand during a cycle wait, so one POST creates the new user", async () => {
    const world = createGraphWorld();
    const engine = world.app.engine;
    const cycle = engine.runCycle("initial");
    const onDemand = engine.provisionOnDemand("alice@contoso.com");
    const [cycled, provisioned] = await Promise.all([cycle, onDemand]);
    const posts = [...cycled.exchanges, ...provisioned.exchanges].filter(
      (exchange) =>
        exchange.method === "POST" &&
        exchange.url.endsWith("/Users") &&
        JSON.stringify(exchange.requestBody).includes("alice@contoso.com"),
    );
    expect(posts).toHaveLength(1);
    const codes = engine.logs.map((log) => log.provisioningStatusInfo.errorInformation?.errorCode);
    expect(codes).not.toContain("EntryConflict");
  });
});

describe("served Graph and the browser", () => {
  const PAGE = "https://developer.microsoft.com";
  let served: Served;
  beforeAll(async () => {
    served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
      corsOrigins: [PAGE],
    });
  });
  afterAll(async () => {
    await served.close();
  });

  it("answers a named origin's preflight as Graph does, echoing the SDK's headers", async () => {
    const reply = await rawRequest(`${served.entra.url}/v1.0/users`, {
      method: "OPTIONS",
      headers: {
        origin: PAGE,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,consistencylevel",
      },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers["access-control-allow-origin"]).toBe(PAGE);
    expect(reply.headers["access-control-allow-headers"]).toContain("consistencylevel");
  });

  it("refuses the preflight of an origin nobody named", async () => {
    const reply = await rawRequest(`${served.entra.url}/v1.0/users`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(reply.status).toBe(403);
    expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: "OriginNotAllowed" } });
  });
});
