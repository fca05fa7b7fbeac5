/**
 * `synclab/scenario`: the scenario loader and its types, for building scenarios in code with type
 * checking. A scenario file and a scenario object pass the same validation.
 */
import type { z } from "zod";
import type { scenarioSchema, StepKind } from "../scenarios/index.ts";
import type { STEP_SCHEMAS } from "../scenarios/index.ts";

export { loadScenarioFile, parseScenario } from "../scenarios/index.ts";
export { ScenarioError, type ScenarioProblem } from "../scenarios/index.ts";
export type { Scenario, ScenarioExpect, ScenarioMapping, ScenarioStep } from "../scenarios/index.ts";
export { parseScenarioObject } from "./parse-scenario-object.ts";

/** One step as written in a scenario: a one-key object such as `{ provision: "alice@contoso.com" }`. */
export type ScenarioStepInput = {
  [K in StepKind]: { [P in K]: z.input<(typeof STEP_SCHEMAS)[K]> };
}[StepKind];

/** A scenario as written (defaults may be left out): what a YAML file or a scenario object holds. */
export type ScenarioInput = Omit<z.input<typeof scenarioSchema>, "steps"> & { steps?: ScenarioStepInput[] };

/** Where a scenario comes from: the path of a YAML file, or the scenario itself. */
export type ScenarioSource = string | ScenarioInput;

/** Types a scenario written in code (it returns its argument; validation happens when it is loaded). */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
