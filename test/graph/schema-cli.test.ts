import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../cli/main.ts";
import { EXIT } from "../../cli/exit-codes.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { buildWorld } from "../../scenarios/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { exportSchema } from "../../emulator/entra/index.ts";
import { GRAPH_SCENARIO } from "./graph-world.ts";

const ROOT = join(import.meta.dirname, "../..");
const GOLDEN = join(ROOT, "contracts/golden/schema/customappsso-schema.json");

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "synclab-schema-")), name);
  writeFileSync(file, text);
  return file;
}

describe("synclab export-schema", () => {
  it("prints the Graph schema of the scenario's app, the same every run", async () => {
    const first = await run("export-schema", join(ROOT, "scenarios/default.yaml"));
    const second = await run("export-schema", join(ROOT, "scenarios/default.yaml"));
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toBe(second.out);
    const schema = JSON.parse(first.out);
    const users = schema.synchronizationRules[0].objectMappings[0];
    expect(users.attributeMappings).toContainEqual(
      expect.objectContaining({
        targetAttributeName: "urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode",
        source: expect.objectContaining({ name: "postalCode", type: "Attribute" }),
      }),
    );
  });

  it.each([
    [["export-schema"], EXIT.badInput],
    [["export-schema", "a.yaml", "b.yaml"], EXIT.badInput],
    [["export-schema", "/nonexistent/scenario.yaml"], EXIT.badInput],
    [["export-schema", "--help"], EXIT.ok],
  ])("exits %s for %j", async (argv, code) => {
    expect((await run(...argv)).code).toBe(code);
  });
});

describe("synclab import-schema", () => {
  it("prints scenario YAML that rebuilds the same configuration", async () => {
    const { code, out } = await run("import-schema", GOLDEN);
    expect(code).toBe(EXIT.ok);
    const fragment = parse(out) as { entra: { app: { users: object; groups: object } } };
    const scenario = parse(GRAPH_SCENARIO) as { entra: { app: object } };
    scenario.entra.app = fragment.entra.app;
    const parsed = parseScenario(JSON.stringify(scenario));
    const world = buildWorld(parsed, { runtime: createDeterministicRuntime(1) });
    const rebuilt = exportSchema(world.app.job).synchronizationRules[0]!.objectMappings;
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8"));
    expect(rebuilt).toEqual(golden.synchronizationRules[0].objectMappings);
  });

  it("validates against a scenario given with --scenario", async () => {
    const scenario = tempFile("s.yaml", GRAPH_SCENARIO);
    const { code, out } = await run("import-schema", GOLDEN, "--scenario", scenario);
    expect(code).toBe(EXIT.ok);
    expect(out).toContain("urn:ietf:params:scim:schemas:extension:Immuta:2.0:User:costCenter");
  });

  it("warns on stderr about what a scenario can't hold", async () => {
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8"));
    golden.synchronizationRules[0].objectMappings[0].name = "Provision Azure Active Directory Users";
    const { code, err } = await run("import-schema", tempFile("schema.json", JSON.stringify(golden)));
    expect(code).toBe(EXIT.ok);
    expect(err).toContain("warning");
  });

  it.each([
    ["not JSON", "{", "invalid-json"],
    ["no rules", '{"synchronizationRules":[]}', "invalid-shape"],
  ])("exits 2 for a schema that is %s and names the problem", async (_name, text, code) => {
    const result = await run("import-schema", tempFile("schema.json", text));
    expect(result.code).toBe(EXIT.badInput);
    expect(result.err).toContain(`(${code})`);
  });

  it.each([
    [["import-schema"], EXIT.badInput],
    [["import-schema", "/nonexistent/schema.json"], EXIT.badInput],
    [["import-schema", GOLDEN, "--scenario", "/nonexistent/s.yaml"], EXIT.badInput],
    [["import-schema", GOLDEN, "--bogus"], EXIT.badInput],
    [["import-schema", "--help"], EXIT.ok],
  ])("exits %s for %j", async (argv, code) => {
    expect((await run(...argv)).code).toBe(code);
  });

  it("is listed in the main help", async () => {
    const { out } = await run("--help");
    expect(out).toContain("import-schema");
    expect(out).toContain("export-schema");
  });
});
