import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMswHandlers } from "../../emulator/msw-handlers.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { buildWorld } from "../../scenarios/index.ts";

const ORIGIN = "https://acme.immuta.example";

/** The seed example with Entra's tenant URL on a real-looking host: its SCIM calls go through the global fetch. */
describe("the seed example through msw interception", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("provisions alice with every SCIM request answered by msw from the fake Immuta", async () => {
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    scenario.entra.app.tenantUrl = `${ORIGIN}/bim/scim/entra`;
    const world = buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    server.resetHandlers(...createMswHandlers(ORIGIN, world.immuta));
    const intercepted: string[] = [];
    server.events.on("request:start", ({ request }) => {
      intercepted.push(`${request.method} ${new URL(request.url).pathname}`);
    });

    const result = await world.app.engine.provisionOnDemand("alice@contoso.com");

    expect(result.results[0]?.log.provisioningStatusInfo.status).toBe("success");
    expect(intercepted).toEqual([
      "GET /bim/scim/entra/Users",
      "GET /bim/scim/entra/Users",
      "POST /bim/scim/entra/Users",
    ]);
    const response = await fetch(`${ORIGIN}/bim/iam/entra/user/alice@contoso.com`, {
      headers: { authorization: "synclab-dev-api-key" },
    });
    const body = (await response.json()) as { iamAuthorizations: Record<string, string[]> };
    expect(body.iamAuthorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
  });
});
