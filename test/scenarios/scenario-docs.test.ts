import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { MAX_ALIAS_COUNT } from "../../scenarios/index.ts";
import { DEFAULT_MAX_SCENARIO_BYTES } from "../../scenarios/index.ts";
import { PROBLEM_CODES } from "../../scenarios/index.ts";
import { scenarioSchema } from "../../scenarios/index.ts";
import { keysAt } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";
import { expectSchema, STEP_KINDS } from "../../scenarios/index.ts";
import { stepKind } from "../../scenarios/index.ts";
import { docBlocks } from "../docs/doc-blocks.ts";

const DOC = readFileSync("docs/scenarios.md", "utf8");
const examples = docBlocks(DOC)
  .filter((block) => block.lang === "yaml")
  .map((block) => [`docs/scenarios.md:${block.line}`, block.text] as const);
const parsed = examples.map(([, text]) => parseScenario(text));

describe("docs/scenarios.md", () => {
  it.each(examples)("%s runs and every expectation holds", async (where, text) => {
    const scenario = parseScenario(text, where);
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    const failed = report.steps.filter((step) => !step.ok).flatMap((step) => step.lines);
    expect(failed).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("has runnable examples that use every step kind and every expectation key", () => {
    const steps = parsed.flatMap((scenario) => scenario.steps);
    const kinds = new Set(steps.map(stepKind));
    const expectKeys = new Set(steps.flatMap((step) => ("expect" in step ? Object.keys(step.expect) : [])));
    expect(STEP_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
    expect(Object.keys(expectSchema.shape).filter((key) => !expectKeys.has(key))).toEqual([]);
  });

  it.each([
    ["the top level", []],
    ["entra", ["entra"]],
    ["entra.app", ["entra", "app"]],
    ["an object mapping", ["entra", "app", "users"]],
    ["a target attribute", ["entra", "app", "users", "attributes", 0]],
    ["a mapping", ["entra", "app", "users", "mappings", 0]],
    ["a scoping filter", ["entra", "app", "users", "scopingFilters", 0]],
    ["a group", ["entra", "groups", 0]],
    ["immuta", ["immuta"]],
    ["an IAM", ["immuta", "iams", 0]],
  ] as const)("documents every key of %s", (_, path) => {
    const keys = keysAt(scenarioSchema, path);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !DOC.includes(`\`${key}\``))).toEqual([]);
  });

  it("documents every step kind and expectation key in its tables", () => {
    const missing = [...STEP_KINDS, ...Object.keys(expectSchema.shape)].filter(
      (key) => !new RegExp(`^\\| \`${key}[\`:]`, "m").test(DOC) && !DOC.includes(`/ \`${key}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(PROBLEM_CODES))("lists the problem code %s with its meaning", (code, meaning) => {
    expect(DOC).toMatch(new RegExp(`^\\| \`${code}\` +\\| ${meaning.replace(/[().-]/g, "\\$&")} +\\|$`, "m"));
  });

  it("states the size limit and the alias bound the loader uses", () => {
    expect(DOC).toContain(`(${DEFAULT_MAX_SCENARIO_BYTES.toLocaleString("en-US")} bytes)`);
    expect(DOC).toContain(`expand at most ${MAX_ALIAS_COUNT} times`);
  });
});
