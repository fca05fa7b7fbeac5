/** `synclab prove`: the round-trip model, its generated cases and the runner that checks the fakes against it. */
export { proveScenario, type ProveReport } from "./run/prove-scenario.ts";
export {
  commandsArbitrary,
  proveTarget,
  runCommands,
  userArbitrary,
  type ProveTarget,
} from "./run/prove-property.ts";
export { CaseSession } from "./run/run-case.ts";
export { generatedConfig } from "./generate/config-arbitrary.ts";
export { expectedImmuta, type ModelState, type ModelStep, type ModelUser } from "./model/index.ts";
