import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { readLogExport } from "../../cli/import-log/read-log-export.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario, runScenario, SCENARIO_JSON_SCHEMA_PATH } from "../../scenarios/index.ts";
import { captureIo } from "../support/cli-fixtures.ts";

const EXPORT = "scenarios/examples/import-log-export.json";
const SKELETON = "scenarios/examples/import-log-skeleton.yaml";
const dir = await mkdtemp(join(tmpdir(), "synclab-import-log-"));

async function importLog(text: string): Promise<{ code: number; yaml: string; stderr: string[] }> {
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text);
  const io = captureIo();
  const code = await main(["import-log", file], io);
  return { code, yaml: io.stdout.join("\n"), stderr: io.stderr };
}

const RECORD = {
  provisioningAction: "update",
  provisioningStatusInfo: { status: "success", errorInformation: null },
  sourceIdentity: {
    id: "1b2c3d4e-0000-4000-8000-000000000001",
    displayName: "dana@contoso.com",
    identityType: "User",
  },
  modifiedProperties: [
    {
      displayName: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
      oldValue: "Sales",
      newValue: "Finance",
    },
  ],
};

/** The portal's JSON download: an array, the beta resource's `action` and `statusInfo`. */
const PORTAL_RECORD = {
  action: "Create",
  statusInfo: {
    status: "Failure",
    errorInformation: { errorCode: "EntryConflict", reason: "409" },
  },
  sourceIdentity: { displayName: "erin@contoso.com", type: "User" },
};

describe("synclab import-log", () => {
  it("writes the example skeleton from the example export, naming the schema relative to the file", async () => {
    const out = join(dir, "skeleton.yaml");
    expect(await main(["import-log", EXPORT, "--out", out], captureIo())).toBe(0);
    const [schemaLine, ...rest] = (await readFile(out, "utf8")).split("\n");
    const example = (await readFile(SKELETON, "utf8")).split("\n");
    expect(rest).toEqual(example.slice(1));
    const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(schemaLine ?? "")?.[1];
    expect(schema && resolve(dir, schema)).toBe(resolve(SCENARIO_JSON_SCHEMA_PATH));
  });

  it("prints a skeleton that names the schema relative to the current folder", async () => {
    const io = captureIo();
    expect(await main(["import-log", EXPORT], io)).toBe(0);
    expect(io.stdout[0]?.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=./${SCENARIO_JSON_SCHEMA_PATH}`,
    );
  });

  it("gives an example whose doctor names the cause of SchemaPropertyCanOnlyAcceptValue and its fix", async () => {
    const io = captureIo();
    expect(await main(["doctor", SKELETON], io)).toBe(1);
    const output = io.stdout.join("\n");
    expect(output).toMatch(/import-log-skeleton\.yaml:\d+:\d+: error multiple-values-into-single-value: /);
    expect(output).toContain(
      "fix: multiValued: true on urn:ietf:params:scim:schemas:extension:custom:2.0:User:emailAlias",
    );
  });

  it("gives a skeleton whose run reproduces the customer's SchemaPropertyCanOnlyAcceptValue", async () => {
    const { yaml } = await importLog(await readFile(EXPORT, "utf8"));
    expect(yaml).toContain("TO FILL IN:");
    const report = await runScenario(parseScenario(yaml), {
      runtime: createDeterministicRuntime(1),
    });
    const codes = report.steps.flatMap((step) =>
      step.logs.map((record) => record.provisioningStatusInfo.errorInformation?.errorCode ?? null),
    );
    expect(codes).toEqual([null, "SchemaPropertyCanOnlyAcceptValue"]);
    expect(report.steps.filter((step) => !step.ok)).toEqual([]);
  });

  it("gives a failing run when synclab does not reproduce a record's outcome", async () => {
    const changed = (await readFile(EXPORT, "utf8")).replace(
      '"errorCode": "SchemaPropertyCanOnlyAcceptValue"',
      '"errorCode": "EntryConflict"',
    );
    const { yaml } = await importLog(changed);
    const file = join(dir, "not-reproduced.yaml");
    await writeFile(file, yaml);
    const io = captureIo();
    expect(await main(["run", "-q", file], io)).toBe(1);
    expect(io.stdout.join("\n")).toContain("✗ log error code is EntryConflict (got none)");
  });

  it("replays an update record as the old values, an update of the user, and a provision", async () => {
    const { code, yaml } = await importLog(JSON.stringify({ value: [RECORD] }));
    expect(code).toBe(0);
    const scenario = parseScenario(yaml);
    expect(scenario.entra.users).toMatchObject([
      { userPrincipalName: "dana@contoso.com", department: "Sales" },
    ]);
    expect(scenario.steps).toEqual([
      { provision: "dana@contoso.com" },
      {
        updateUser: {
          user: "dana@contoso.com",
          set: { department: "Finance" },
        },
      },
      { provision: "dana@contoso.com" },
      { expect: { log: { action: "update", status: "success" } } },
    ]);
    const report = await runScenario(scenario, {
      runtime: createDeterministicRuntime(1),
    });
    expect(report.ok).toBe(true);
  });

  it.each([
    ["a Graph list", JSON.stringify({ value: [RECORD] })],
    ["an array", JSON.stringify([RECORD])],
    ["one record", JSON.stringify(RECORD)],
  ])("reads %s", (_, text) => {
    expect(readLogExport(text)).toMatchObject([
      { action: "update", status: "success", sourceName: "dana@contoso.com" },
    ]);
  });

  it("reads the portal download's action and statusInfo", () => {
    expect(readLogExport(JSON.stringify([PORTAL_RECORD]))).toMatchObject([
      {
        action: "create",
        status: "failure",
        errorCode: "EntryConflict",
        identityType: "User",
      },
    ]);
  });

  it.each([
    [["import-log", "--help"], 0],
    [["import-log"], 2],
    [["import-log", "a.json", "b.json"], 2],
  ])("synclab %j exits %i and names the usage", async (argv, code) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(code);
    expect([...io.stdout, ...io.stderr].join("\n")).toMatch(/Usage|--help/);
  });

  it.each([
    ["not JSON", "invalid-json", "{"],
    ["an empty list", "no-records", '{"value": []}'],
    ["something else", "not-a-provisioning-record", '{"displayName": "x"}'],
  ])("exits 2 for %s with the code %s", async (_, code, text) => {
    const result = await importLog(text);
    expect(result.code).toBe(2);
    expect(result.stderr.join("\n")).toContain(`: ${code}: `);
  });
});
