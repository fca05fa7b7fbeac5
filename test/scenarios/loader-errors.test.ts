import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { loadScenarioFile, parseScenario } from "../../scenarios/index.ts";
import { MAX_ALIAS_COUNT } from "../../scenarios/index.ts";
import { ScenarioError } from "../../scenarios/index.ts";
import { captureIo } from "../support/cli-fixtures.ts";

const BASE = `name: case
entra:
  users:
    - userPrincipalName: alice@contoso.com
immuta:
  iams:
    - id: entra
steps:
  - provision: alice@contoso.com
`;

function errorOf(text: string): ScenarioError {
  try {
    parseScenario(text, "case.yaml");
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

const summary = (text: string) =>
  errorOf(text).problems.map(({ code, line, column }) => ({ code, line, column }));

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "synclab-loader-")), "case.yaml");
  await writeFile(file, text);
  return file;
}

describe("problems with a stable code, at the key or value, with did-you-mean", () => {
  it.each([
    [
      "a misspelt top-level key",
      `${BASE}descripton: x\n`,
      "unknown-key",
      10,
      1,
      "did you mean 'description'?",
    ],
    [
      "a misspelt step kind",
      `${BASE}  - provison: alice@contoso.com\n`,
      "unknown-step",
      10,
      5,
      "did you mean 'provision'?",
    ],
    [
      "a misspelt mapping key",
      BASE.replace(
        "entra:\n",
        "entra:\n  app:\n    users:\n      mappings: [{target: x, source: city, aply: onCreate}]\n",
      ),
      "unknown-key",
      5,
      44,
      "did you mean 'apply'?",
    ],
    [
      "a misspelt enum value",
      `${BASE}  - cycle: incremantal\n`,
      "invalid-value",
      10,
      12,
      "did you mean 'incremental'?",
    ],
    [
      "a misspelt user property",
      BASE.replace("contoso.com\nimmuta", "contoso.com\n      cty: Seattle\nimmuta"),
      "unknown-property",
      5,
      7,
      "did you mean 'city'?",
    ],
    [
      "an on-premises attribute written as a top-level property",
      BASE.replace("contoso.com\nimmuta", "contoso.com\n      extensionAttribute3: x\nimmuta"),
      "unknown-property",
      5,
      7,
      "did you mean 'onPremisesExtensionAttributes.extensionAttribute3'?",
    ],
    [
      "a misspelt expectation key",
      `${BASE}  - expect: {user: alice@contoso.com, atributes: {}}\n`,
      "unknown-key",
      10,
      39,
      "did you mean 'attributes'?",
    ],
    [
      "a misspelt user name",
      `${BASE}  - provision: alice@contoso.co\n`,
      "unknown-user",
      10,
      16,
      "did you mean 'alice@contoso.com'?",
    ],
    [
      "a value of the wrong type",
      BASE.replace("contoso.com\nimmuta", "contoso.com\n      accountEnabled: 'yes'\nimmuta"),
      "invalid-type",
      5,
      23,
      "expected boolean",
    ],
  ])("reports %s", (_, text, code, line, column, hint) => {
    const [problem] = errorOf(text).problems;
    expect(problem).toMatchObject({ code, line, column });
    expect(problem?.message).toContain(hint);
  });

  it("reports every problem of a file in one pass, in file order", () => {
    const text = BASE.replace("contoso.com\nimmuta", "contoso.com\n      cty: Seattle\nimmuta").concat(
      "  - provison: alice@contoso.com\n  - provision: bob@contoso.com\n  - cycle: sometimes\n",
    );
    expect(summary(text).map(({ code }) => code)).toEqual([
      "unknown-property",
      "unknown-step",
      "unknown-user",
      "invalid-value",
    ]);
  });

  it("gives an unknown property the same code in entra.users and in an updateUser step, at the property", () => {
    const inUsers = summary(
      BASE.replace("contoso.com\nimmuta", "contoso.com\n      favouriteColour: blue\nimmuta"),
    );
    const inStep = summary(
      `${BASE}  - updateUser: {user: alice@contoso.com, set: {favouriteColour: blue}}\n`,
    );
    expect(inUsers).toEqual([{ code: "unknown-property", line: 5, column: 7 }]);
    expect(inStep).toEqual([{ code: "unknown-property", line: 10, column: 49 }]);
  });

  it("exits 2 before anything runs for an unknown property in an updateUser step", async () => {
    const io = captureIo();
    const file = await fileWith(
      `${BASE}  - updateUser: {user: alice@contoso.com, set: {favouriteColour: blue}}\n`,
    );
    expect(await main(["run", file], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join("\n")).toMatch(
      /case\.yaml:10:49: unknown user property 'favouriteColour'.*\[unknown-property\]/,
    );
  });
});

describe("nested properties in steps", () => {
  it.each([
    [
      "a dotted on-premises attribute",
      { "onPremisesExtensionAttributes.extensionAttribute3": "x" },
      { onPremisesExtensionAttributes: { extensionAttribute3: "x" } },
    ],
    [
      "a dotted on-premises attribute cleared with null",
      { "onPremisesExtensionAttributes.extensionAttribute3": null },
      { onPremisesExtensionAttributes: { extensionAttribute3: null } },
    ],
    [
      "the Graph object form",
      { onPremisesExtensionAttributes: { extensionAttribute3: "x" } },
      { onPremisesExtensionAttributes: { extensionAttribute3: "x" } },
    ],
    [
      "a directory extension cleared with null",
      { extension_9d98a1b2c3d44e5f8a7b6c5d4e3f2a1b_costCenter: null },
      { extension_9d98a1b2c3d44e5f8a7b6c5d4e3f2a1b_costCenter: null },
    ],
  ])("takes %s as the Graph PATCH body carries it", (_, set, expected) => {
    const scenario = parseScenario(
      `${BASE}  - updateUser: ${JSON.stringify({ user: "alice@contoso.com", set })}\n`,
    );
    expect(scenario.steps[1]).toEqual({ updateUser: { user: "alice@contoso.com", set: expected } });
  });

  it("refuses an on-premises attribute beyond the fifteen with did-you-mean", () => {
    const [problem] = errorOf(
      `${BASE}  - updateUser: {user: alice@contoso.com, set: {onPremisesExtensionAttributes.extensionAttribute16: x}}\n`,
    ).problems;
    expect(problem).toMatchObject({ code: "unknown-property", line: 10, column: 49 });
  });
});

describe("YAML problems where they start (regressions: issue 8 and issue 10 finding 6)", () => {
  it.each([
    ["an unclosed double quote", 'name: "case\nentra: {}\n', "yaml-syntax", 1, 7],
    [
      "an unclosed single quote",
      BASE.replace("userPrincipalName: alice@contoso.com", "userPrincipalName: 'alice@contoso.com"),
      "yaml-syntax",
      4,
      26,
    ],
    ["an unclosed flow mapping", BASE.replace("- id: entra", "- {id: entra"), "yaml-syntax", 7, 7],
    ["a duplicate key", `${BASE}name: again\n`, "yaml-duplicate-key", 10, 1],
    [
      "an undefined alias",
      BASE.replace("alice@contoso.com\nimmuta", "alice@contoso.com\n      city: *nope\nimmuta"),
      "yaml-unknown-alias",
      5,
      13,
    ],
    [
      `more than ${MAX_ALIAS_COUNT} aliases to one step`,
      `${BASE}  - &step {cycle: initial}\n${"  - *step\n".repeat(1000)}`,
      "yaml-alias-limit",
      10 + MAX_ALIAS_COUNT + 1,
      5,
    ],
    [
      "a billion-laughs expansion",
      `name: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      "yaml-alias-limit",
      2,
      8,
    ],
  ])("locates %s and exits 2", async (_, text, code, line, column) => {
    const error = errorOf(text);
    expect(error.code).toBe("yaml-syntax");
    expect(error.problems[0]).toMatchObject({ code, line, column });
    const io = captureIo();
    expect(await main(["run", await fileWith(text)], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(new RegExp(`case\\.yaml:${line}:${column}: .*\\[${code}\\]`));
    expect(io.stderr.join("\n")).not.toMatch(/ReferenceError|\bat .*\.ts:\d+/);
  });
});

describe("size and growth (regressions: issue 10 findings 6 and 9)", () => {
  it("refuses a file over the size limit without reading it all, and reads it with a raised limit", async () => {
    const file = await fileWith(`${BASE}${"# padding\n".repeat(200)}`);
    await expect(loadScenarioFile(file, { maxBytes: 1000 })).rejects.toMatchObject({
      code: "file-too-large",
    });
    await expect(loadScenarioFile(file, { maxBytes: 10_000 })).resolves.toMatchObject({ name: "case" });
    const io = captureIo();
    expect(await main(["run", "--max-scenario-bytes", "1000", file], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain("[file-too-large]");
  });

  // 20,000 unknown keys took 12.7 s before (each problem searched the document); the bound is
  // generous for a loaded machine, far below what quadratic work would take.
  it("reports 20,000 unknown keys, each at its own line, well within a generous bound", () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `unknown${index}: x`).join("\n");
    const started = performance.now();
    const problems = summary(`${BASE}${keys}\n`);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(problems).toHaveLength(20_000);
    expect(problems.at(-1)).toEqual({ code: "unknown-key", line: 10 + 19_999, column: 1 });
  }, 60_000);
});
