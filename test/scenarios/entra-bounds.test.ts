import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startServers } from "../../cli/serve-command.ts";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/exit-codes.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { buildWorld, parseScenario } from "../../scenarios/index.ts";

/** A SCIM target that accepts connections and never answers. */
async function silentTarget(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}/scim`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function scenario(entra: string): ReturnType<typeof parseScenario> {
  return parseScenario(`name: bounds
entra:
${entra}
  users:
    - { userPrincipalName: alice@contoso.com, assigned: true }
    - { userPrincipalName: bob@contoso.com, assigned: true }
    - { userPrincipalName: carol@contoso.com, assigned: true }
immuta:
  iams: [{ id: entra }]
`);
}

describe("entra.provisioningLog and entra.scimTimeouts", () => {
  it("bound each job's provisioning log by the scenario's maxRecords", async () => {
    const world = buildWorld(scenario("  provisioningLog: { maxRecords: 2 }"), {
      runtime: createDeterministicRuntime(1),
    });
    for (const user of ["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"])
      await world.tenant.provisionOnDemand(world.app, user);
    expect(world.app.engine.log.records).toHaveLength(2);
    expect(world.app.engine.log.dropped).toBe(1);
  });

  it("give up on a silent SCIM target after the scenario's connectMs, logging Timeout", async () => {
    const target = await silentTarget();
    closers.push(target.close);
    const world = buildWorld(
      scenario(`  scimTimeouts: { connectMs: 50, responseMs: 200 }\n  app: { tenantUrl: "${target.url}" }`),
      { runtime: createDeterministicRuntime(1) },
    );
    const started = performance.now();
    const result = await world.tenant.provisionOnDemand(world.app, "alice@contoso.com");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.results[0]?.log.provisioningStatusInfo.errorInformation?.errorCode).toBe("Timeout");
  });

  it("are refused when not positive whole numbers, at their line", () => {
    expect(() => scenario("  scimTimeouts: { connectMs: 0 }")).toThrow(/scimTimeouts\.connectMs/);
    expect(() => scenario("  provisioningLog: { maxRecord: 2 }")).toThrow(/maxRecord/);
  });
});

describe("synclab serve --log-records, --log-bytes, --scim-connect-timeout, --scim-response-timeout", () => {
  it("override the scenario's bounds", async () => {
    const served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
      provisioningLog: { maxRecords: 3, maxBytes: 4096 },
    });
    closers.push(() => served.close());
    expect(served.world.app.engine.log.limits).toMatchObject({ maxRecords: 3, maxBytes: 4096 });
  });

  it("override a loaded scenario's bounds without changing the caller's scenario object", async () => {
    const loaded = scenario("  scimTimeouts: { connectMs: 50 }\n  provisioningLog: { maxRecords: 7 }");
    const before = structuredClone(loaded);
    const served = await startServers({
      scenario: loaded,
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
      journal: { entries: 5 },
      provisioningLog: { maxRecords: 3 },
      scimTimeouts: { responseMs: 900 },
    });
    closers.push(() => served.close());
    expect(served.world.app.engine.log.limits.maxRecords).toBe(3);
    expect(served.world.immuta.state.journal.limit).toBe(5);
    expect(loaded).toEqual(before);
  });

  it.each([
    ["--log-records", "0"],
    ["--log-bytes", "lots"],
    ["--scim-connect-timeout", "-5"],
    ["--scim-response-timeout", "1.5"],
  ])("exit 2 for %s %s", async (flag, value) => {
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (text) => err.push(text) };
    expect(await main(["serve", flag, value, "--entra-port", "0", "--immuta-port", "0"], io)).toBe(2);
    expect(err.join("\n")).toContain(flag);
  });
});
