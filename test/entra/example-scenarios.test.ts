import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";

const EXAMPLES = join(import.meta.dirname, "../../scenarios/examples");
const files = readdirSync(EXAMPLES).filter((file) => file.endsWith(".yaml"));

describe("example scenarios", () => {
  it("has the customer bug classes", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)("%s passes", async (file) => {
    const scenario = await loadScenarioFile(join(EXAMPLES, file));
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    const failed = report.steps.filter((step) => !step.ok).map((step) => step.lines.join("\n"));
    expect(failed).toStrictEqual([]);
  });
});
