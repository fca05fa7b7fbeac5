import { packageFile } from "../cli/package-file.ts";
import { loadScenarioFile } from "../scenarios/index.ts";
import type { Scenario } from "../scenarios/index.ts";
import { parseScenarioObject } from "./parse-scenario-object.ts";
import type { ScenarioSource } from "./scenario.ts";

/** Loads and validates a scenario file or object; without one, the seed example shipped with synclab. */
export async function resolveScenario(source: ScenarioSource | undefined): Promise<Scenario> {
  if (source === undefined) return loadScenarioFile(packageFile("scenarios/default.yaml"));
  if (typeof source === "string") return loadScenarioFile(source);
  return parseScenarioObject(source);
}
