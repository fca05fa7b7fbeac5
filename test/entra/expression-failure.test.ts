import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";

const SCENARIO = `name: an expression that fails for one user
entra:
  app:
    users:
      mappings:
        - target: urn:ietf:params:scim:schemas:extension:custom:2.0:User:hired
          expression: 'CDate([extensionAttribute1])'
  users:
    - userPrincipalName: ok@contoso.com
      onPremisesExtensionAttributes: {extensionAttribute1: "2020-03-16T07:00:00Z"}
    - userPrincipalName: bad@contoso.com
      onPremisesExtensionAttributes: {extensionAttribute1: "not a date"}
immuta:
  iams:
    - id: entra
steps:
  - cycle: initial
`;

describe("a mapping expression that fails for one object", () => {
  it("fails and escrows that object only, and provisions the others", async () => {
    const report = await runScenario(parseScenario(SCENARIO), { runtime: createDeterministicRuntime(3) });
    const logs = report.world.app.engine.logs;
    const status = (upn: string) =>
      logs.find((log) => log.sourceIdentity.displayName === upn)?.provisioningStatusInfo;
    expect(status("ok@contoso.com")?.status).toBe("success");
    expect(status("bad@contoso.com")).toMatchObject({
      status: "failure",
      errorInformation: { errorCode: "ExpressionEvaluationFailed" },
    });
    expect(
      report.world.app.engine.escrow.has(report.world.tenant.directory.user("bad@contoso.com")!.id),
    ).toBe(true);
  });
});
