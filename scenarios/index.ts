export { parseScenario, loadScenarioFile, positionIn, type LoadOptions } from "./loader/load-scenario.ts";
export { ScenarioError, PROBLEM_CODES, type ScenarioProblem } from "./loader/scenario-error.ts";
export { examineScenario, type DoctorReport } from "./doctor/diagnose-scenario.ts";
export { buildWorld, IN_PROCESS_ORIGIN, type World } from "./world/build-world.ts";
export { didYouMean } from "./loader/did-you-mean.ts";
export { runScenario, type ScenarioReport } from "./runner/run-scenario.ts";
export type { ExpectationResult } from "./steps/expect-diff.ts";
export { DEFAULT_MAX_SCENARIO_BYTES } from "./loader/read-scenario-text.ts";
export {
  type Scenario,
  scenarioSchema,
  type StepKind,
  type ScenarioExpect,
  type ScenarioMapping,
  type ScenarioStep,
} from "./loader/scenario-schema.ts";
export {
  diagnoseConfiguration,
  type ConfigurationFinding,
  type FindingCode,
} from "./doctor/diagnose-configuration.ts";
export { expectSchema, STEP_KINDS, type STEP_SCHEMAS } from "./steps/step-schemas.ts";
export { buildScenarioJsonSchema, SCENARIO_JSON_SCHEMA_PATH } from "./loader/scenario-json-schema.ts";
export { matchesLine, requestLine } from "./steps/request-line.ts";
export { mappingSchema } from "./loader/mapping-schema.ts";
export { scenarioSource, toAttributeMapping } from "./world/scenario-mapping.ts";
export { MAX_ALIAS_COUNT } from "./loader/parse-yaml.ts";
export { keysAt } from "./loader/schema-keys.ts";
export { stepKind } from "./steps/step-table.ts";
