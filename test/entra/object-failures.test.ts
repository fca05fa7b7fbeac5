import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { buildWorld } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";

const BASE = `name: object failures
entra:
  app:
    users:
      mappings:
        - target: urn:ietf:params:scim:schemas:extension:custom:2.0:User:tags
          expression: 'Split([department], ",")'
  users:
    - userPrincipalName: alice@contoso.com
      department: "a,b"
    - userPrincipalName: bob@contoso.com
      department: "solo"
immuta:
  iams:
    - id: entra
`;

describe("per-object failures", () => {
  it("fails an object whose single-valued target gets several values, and provisions the others", async () => {
    const report = await runScenario(parseScenario(`${BASE}steps:\n  - cycle: initial\n`), {
      runtime: createDeterministicRuntime(5),
    });
    const byUpn = (upn: string) =>
      report.world.app.engine.logs.find((log) => log.sourceIdentity.displayName === upn)
        ?.provisioningStatusInfo;
    expect(byUpn("alice@contoso.com")).toMatchObject({
      status: "failure",
      errorInformation: { errorCode: "SchemaPropertyCanOnlyAcceptValue" },
    });
    expect(byUpn("bob@contoso.com")?.status).toBe("success");
    const post = report.steps[0]!.exchanges.find((exchange) => exchange.method === "POST");
    expect(post?.requestBody).toMatchObject({
      "urn:ietf:params:scim:schemas:extension:custom:2.0:User": { tags: "solo" },
    });
  });

  it("escrows a failed hard DELETE and sends it again in the next cycle", async () => {
    const scenario = parseScenario(BASE.replace('department: "a,b"', 'department: "x"'));
    scenario.entra.app.tenantUrl = "http://flaky.immuta.test/bim/scim/entra";
    let failDeletes = false;
    let target: (request: Request) => Promise<Response> = () => Promise.reject(new Error("not wired"));
    const world = buildWorld(scenario, {
      runtime: createDeterministicRuntime(6),
      networkFetch: (request) =>
        failDeletes && request.method === "DELETE"
          ? Promise.resolve(new Response('{"status":"503"}', { status: 503 }))
          : target(request),
    });
    target = (request) =>
      world.immuta.fetch(
        new Request(request.url.replace("http://flaky.immuta.test", "http://immuta.synclab.test"), request),
      );
    const { engine } = world.app;
    const directory = world.tenant.directory;
    await engine.runCycle("initial");
    const alice = directory.user("alice@contoso.com")!.id;
    directory.softDeleteUser(alice);
    await engine.runCycle("incremental");
    directory.purge(alice);

    failDeletes = true;
    const failed = await engine.runCycle("incremental");
    expect(failed.results.map((result) => result.log.provisioningStatusInfo.status)).toEqual(["failure"]);
    expect(engine.escrow.has(alice)).toBe(true);

    failDeletes = false;
    const retried = await engine.runCycle("incremental");
    expect(retried.exchanges.map((exchange) => exchange.method)).toContain("DELETE");
    expect(retried.results.map((result) => result.log.provisioningStatusInfo.status)).toEqual(["success"]);
    expect(engine.escrow.has(alice)).toBe(false);
    expect(engine.anchors.has(alice)).toBe(false);
  });

  it("starts a new initial cycle after a mapping changes, so existing users get the new attribute", async () => {
    const text = `${BASE.replace('department: "a,b"', 'department: "x"')}steps:
  - cycle: initial
  - setMapping: {target: "urn:ietf:params:scim:schemas:extension:custom:2.0:User:city", constant: Oslo}
  - cycle: incremental
  - expect:
      user: alice@contoso.com
      attributes:
        custom.city: [Oslo]
`;
    const scenario = parseScenario(
      text.replace(
        "    - id: entra\n",
        "    - id: entra\n      attributeSchema: [{scimSchema: urn:ietf:params:scim:schemas:extension:custom:2.0:User, prefix: custom}]\n",
      ),
    );
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(7) });
    expect(report.steps.at(-1)?.lines).toContain('  ✓ custom.city = ["Oslo"] (got ["Oslo"])');
  });

  it("fails a step naming a user who is gone by then, without stopping the run", async () => {
    const text = `${BASE}steps:
  - cycle: initial
  - deleteUser: alice@contoso.com
  - purgeUser: alice@contoso.com
  - provision: alice@contoso.com
  - provision: bob@contoso.com
`;
    const report = await runScenario(parseScenario(text), { runtime: createDeterministicRuntime(8) });
    expect(report.steps.map((step) => step.ok)).toEqual([true, true, true, false, true]);
    expect(report.steps[3]?.lines.join("\n")).toMatch(/refused: Request_ResourceNotFound/);
  });
});
