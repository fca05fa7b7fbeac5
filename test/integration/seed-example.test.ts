import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { URN } from "../../emulator/scim/index.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

describe("the seed example, in-process", () => {
  it("passes every expectation of scenarios/default.yaml", async () => {
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    expect(report.steps.filter((step) => !step.ok).map((step) => step.lines)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("creates alice with the custom extension nested under its URN and not listed in schemas", async () => {
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    const report = await runScenario(
      { ...scenario, steps: [{ provision: "alice@contoso.com" }] },
      { runtime: createDeterministicRuntime(1) },
    );
    const post = report.steps[0]!.exchanges.find((exchange) => exchange.method === "POST");
    expect(post?.url).toMatch(/\/bim\/scim\/entra\/Users$/);
    const body = post!.requestBody as Record<string, unknown>;
    expect(body.schemas).toEqual([URN.user, URN.enterpriseUser]);
    expect(body[CUSTOM]).toEqual({ zipcode: "98052" });
    expect(body).toMatchObject({
      userName: "alice@contoso.com",
      active: true,
      meta: { resourceType: "User" },
      roles: [],
    });
  });

  it("holds entraid_attributes.zipcode in Immuta after provisioning, and the new value after a change", async () => {
    const scenario = await loadScenarioFile("scenarios/default.yaml");
    const report = await runScenario(
      { ...scenario, steps: [{ provision: "alice@contoso.com" }] },
      { runtime: createDeterministicRuntime(1) },
    );
    const { world } = report;
    const read = async () => {
      const response = await world.immuta.fetch(
        new Request("http://immuta.synclab.test/bim/iam/entra/user/alice@contoso.com", {
          headers: { authorization: "synclab-dev-api-key" },
        }),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { iamAuthorizations: Record<string, string[]> }).iamAuthorizations;
    };
    expect(await read()).toEqual({ "entraid_attributes.zipcode": ["98052"] });

    world.tenant.directory.updateUser("alice@contoso.com", { postalCode: "10001" });
    const update = await world.app.engine.provisionOnDemand("alice@contoso.com");
    const patch = update.exchanges.find((exchange) => exchange.method === "PATCH");
    // Legacy dialect (on-demand never uses the flag): capitalised Replace, one op per attribute, URN path.
    expect(patch?.requestBody).toEqual({
      schemas: [URN.patchOp],
      Operations: [
        { op: "Replace", path: 'addresses[type eq "work"].postalCode', value: "10001" },
        { op: "Replace", path: `${CUSTOM}:zipcode`, value: "10001" },
      ],
    });
    expect(await read()).toEqual({ "entraid_attributes.zipcode": ["10001"] });
  });
});
