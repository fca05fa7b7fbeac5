import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { wantsColor } from "../../cli/run/text-report.ts";
import { captureIo, bobExpectationScenario } from "../support/cli-fixtures.ts";

const dir = await mkdtemp(join(tmpdir(), "synclab-run-"));

const WRONG_VALUE = join(dir, "wrong-value.yaml");
const WRONG_PREFIX = join(dir, "wrong-prefix.yaml");
await writeFile(
  WRONG_VALUE,
  bobExpectationScenario('      attributes:\n        entraid_attributes.zipcode: ["99999"]\n'),
);
await writeFile(
  WRONG_PREFIX,
  bobExpectationScenario('      attributes:\n        immuta.zipcode: ["12345"]\n'),
);
const EXAMPLES = (await readdir("scenarios/examples")).filter((file) => file.endsWith(".yaml"));

describe("synclab run results", () => {
  it("shows what Immuta holds and where the value sits when an expected key is missing", async () => {
    const io = captureIo();
    expect(await main(["run", WRONG_PREFIX], io)).toBe(1);
    const output = io.stdout.join("\n");
    expect(output).toContain('✗ immuta.zipcode = ["12345"] (got nothing)');
    expect(output).toContain('- immuta.zipcode: ["12345"]');
    expect(output).toContain("+ immuta.zipcode absent");
    expect(output).toContain('iamAuthorizations: {"entraid_attributes.zipcode":["12345"]}');
    expect(output).toContain("no attribute-schema row of IAM 'entra' has prefix 'immuta'");
    expect(output).toContain(
      'SCIM resource: urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode = "12345"',
    );
  });

  it("expands globs, runs every file and ends with the total line", async () => {
    const io = captureIo();
    expect(
      await main(["run", "-q", "scenarios/default.yaml", "scenarios/examples/*.yaml", WRONG_VALUE], io),
    ).toBe(1);
    const count = EXAMPLES.length + 2;
    expect(io.stdout.filter((line) => /^(PASS|FAIL) /.test(line))).toHaveLength(count);
    expect(io.stdout.at(-1)).toBe(`${count} scenarios: ${count - 1} passed, 1 failed`);
  });

  it("keeps the failed expectation and its diff under -q, and drops the passing steps", async () => {
    const io = captureIo();
    expect(await main(["run", "--quiet", WRONG_VALUE], io)).toBe(1);
    expect(io.stdout).toContain('      ✗ entraid_attributes.zipcode = ["99999"] (got ["12345"])');
    expect(io.stdout).toContain('          + entraid_attributes.zipcode: ["12345"]');
    expect(io.stdout.join("\n")).not.toContain("provision on demand");
  });

  it("exits 2 and runs nothing when a pattern matches no file", async () => {
    const io = captureIo();
    expect(await main(["run", "scenarios/default.yaml", "scenarios/nowhere/*.yaml"], io)).toBe(2);
    expect(io.stderr).toEqual(["scenarios/nowhere/*.yaml: no file matches this pattern"]);
    expect(io.stdout).toEqual([]);
  });

  it("prints one JSON result per scenario with steps, requests, log records and expected and actual values", async () => {
    const io = captureIo();
    expect(await main(["run", "--json", "scenarios/default.yaml", WRONG_VALUE], io)).toBe(1);
    expect(io.stdout).toHaveLength(1);
    const result = JSON.parse(io.stdout[0]!) as {
      ok: boolean;
      total: { scenarios: number; passed: number; failed: number };
      scenarios: {
        file: string;
        ok: boolean;
        steps: {
          requests: { method: string }[];
          log: { provisioningAction: string }[];
          expectations: { ok: boolean; expected: unknown; actual: unknown }[];
        }[];
      }[];
    };
    expect(result.total).toEqual({ scenarios: 2, passed: 1, failed: 1 });
    const failed = result.scenarios[1]!;
    expect(failed.file).toBe(WRONG_VALUE);
    expect(failed.steps[0]!.requests.map((request) => request.method)).toContain("POST");
    expect(failed.steps[0]!.log.map((record) => record.provisioningAction)).toEqual(["create"]);
    expect(failed.steps[1]!.expectations).toMatchObject([
      { ok: false, expected: ["99999"], actual: ["12345"] },
    ]);
  });

  it("writes valid JUnit XML with one test case per expectation and the failure's expected and actual values", async () => {
    const file = join(dir, "junit.xml");
    expect(
      await main(["run", "-q", "--junit", file, "scenarios/default.yaml", WRONG_VALUE], captureIo()),
    ).toBe(1);
    const xml = await readFile(file, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => name === "testsuite" || name === "testcase",
    }).parse(xml) as {
      testsuites: Record<string, unknown> & { testsuite: { testcase: Record<string, unknown>[] }[] };
    };
    const [seed, wrong] = parsed.testsuites.testsuite;
    expect(parsed.testsuites["@_failures"]).toBe("1");
    expect(seed!.testcase.length).toBeGreaterThan(0);
    expect(seed!.testcase.every((testCase) => !("failure" in testCase))).toBe(true);
    expect(wrong!.testcase).toHaveLength(1);
    expect(wrong!.testcase[0]).toMatchObject({
      "@_name": 'entraid_attributes.zipcode = ["99999"] (got ["12345"])',
      failure: {
        "@_type": "expectation",
        "#text": expect.stringContaining('expected: ["99999"]\nactual: ["12345"]'),
      },
    });
  });

  it("writes the SCIM journal of the run as HAR", async () => {
    const file = join(dir, "run.har");
    expect(await main(["run", "-q", "--har", file, "scenarios/default.yaml", WRONG_VALUE], captureIo())).toBe(
      1,
    );
    const har = JSON.parse(await readFile(file, "utf8")) as {
      log: { version: string; entries: { request: { method: string; url: string } }[] };
    };
    expect(har.log.version).toBe("1.2");
    const posts = har.log.entries.filter((entry) => entry.request.method === "POST");
    expect(posts.map((entry) => new URL(entry.request.url).pathname)).toEqual([
      "/bim/scim/entra/Users",
      "/bim/scim/entra/Users",
    ]);
  });

  it("writes no ANSI escape codes when the output is not a terminal", async () => {
    const io = captureIo();
    await main(["run", "scenarios/default.yaml", WRONG_VALUE], io);
    expect(io.stdout.join("\n")).not.toContain("\u001b[");
  });

  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
    [{ isTTY: true }, { NO_COLOR: "1" }, false],
    [{ isTTY: true }, { TERM: "dumb" }, false],
    [{ isTTY: false }, { FORCE_COLOR: "1" }, true],
    [{ isTTY: true }, { FORCE_COLOR: "0" }, false],
  ])("colours a stream %j with environment %j: %s", (stream, env, expected) => {
    expect(wantsColor(stream, env)).toBe(expected);
  });
});
