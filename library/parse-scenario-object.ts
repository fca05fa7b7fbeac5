import { parseScenario } from "../scenarios/index.ts";
import type { Scenario } from "../scenarios/index.ts";

/**
 * Validates a scenario given as an object, exactly as a file is validated. JSON is YAML, so the
 * object goes through the file loader; a problem is a ScenarioError whose line and column point
 * into the object written as indented JSON, and whose message names the key.
 */
export function parseScenarioObject(scenario: unknown, name = "<scenario object>"): Scenario {
  return parseScenario(JSON.stringify(scenario, null, 2), name);
}
