import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { captureIo, bobExpectationScenario } from "../support/cli-fixtures.ts";

async function scenarioFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "synclab-cli-"));
  const file = join(dir, "case.yaml");
  await writeFile(file, text);
  return file;
}

const FAILING = bobExpectationScenario('      attributes:\n        entraid_attributes.zipcode: ["99999"]\n');

describe("synclab CLI", () => {
  it("exits 0 and prints PASS when every expectation holds", async () => {
    const io = captureIo();
    expect(await main(["run", "scenarios/default.yaml"], io)).toBe(0);
    expect(io.stdout.at(-1)).toMatch(/^PASS scenarios\/default\.yaml/);
    expect(io.stdout.join("\n")).toContain("POST /Users");
  });

  it("exits 1 and shows expected and actual values when an expectation fails", async () => {
    const io = captureIo();
    expect(await main(["run", await scenarioFile(FAILING)], io)).toBe(1);
    const output = io.stdout.join("\n");
    expect(output).toContain('✗ entraid_attributes.zipcode = ["99999"] (got ["12345"])');
    expect(io.stdout.at(-1)).toMatch(/^FAIL /);
  });

  it("exits 2 with file:line:col and no stack trace for a malformed scenario, running nothing", async () => {
    const io = captureIo();
    const file = await scenarioFile(
      "name: broken\nentra:\n  users:\n    - userPrincipalName: not-an-email\nimmuta:\n  iams: [{id: entra}]\n",
    );
    expect(await main(["run", file], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/case\.yaml:4:26: .*userPrincipalName/);
    expect(io.stderr.join("\n")).not.toMatch(/\bat .*\.ts:\d+/);
    expect(io.stdout).toEqual([]);
  });

  it("doctor exits 1 and locates the cause when an attribute cannot reach Immuta", async () => {
    const io = captureIo();
    expect(await main(["doctor", "scenarios/examples/wrong-scim-schema-row.yaml"], io)).toBe(1);
    expect(io.stdout[0]).toMatch(
      /^scenarios\/examples\/wrong-scim-schema-row\.yaml:\d+:\d+: error row-holds-attribute-urn: /,
    );
  });

  it("doctor --json gives each finding's fix and position and each mapping's landing place", async () => {
    const io = captureIo();
    expect(await main(["doctor", "--json", "scenarios/examples/non-urn-attribute-no-row.yaml"], io)).toBe(1);
    const result = JSON.parse(io.stdout.join("\n")) as {
      findings: { code: string; fix: string | null; line: number }[];
      landings: { target: string; keys: string[] }[];
    };
    expect(result.findings.find((finding) => finding.code === "non-urn-attribute-no-row")).toMatchObject({
      fix: "urn:ietf:params:scim:schemas:extension:custom:2.0:User:costCenter",
      line: 18,
    });
    expect(result.landings).toContainEqual(expect.objectContaining({ target: "costCenter", keys: [] }));
  });

  it("doctor exits 0 for the seed example", async () => {
    const io = captureIo();
    expect(await main(["doctor", "scenarios/default.yaml"], io)).toBe(0);
    expect(io.stdout).toEqual(["OK scenarios/default.yaml: 0 errors, 0 warnings, 0 notes"]);
  });

  it.each([
    [["--help"], 0],
    [["doctor", "--help"], 0],
    [["doctor"], 2],
    [["contract", "--help"], 0],
    [["contract"], 2],
    [["contract", "--target", "ftp://example.test", "--token", "t"], 2],
    [["run", "--help"], 0],
    [["serve", "--help"], 0],
    [[], 2],
    [["launch"], 2],
    [["run"], 2],
    [["run", "--bogus", "x.yaml"], 2],
    [["serve", "--entra-port", "http"], 2],
  ])("synclab %j exits %i", async (argv, code) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(code);
    expect([...io.stdout, ...io.stderr].join("\n")).toMatch(/Usage|usage|--help/);
  });
});
