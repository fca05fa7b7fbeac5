/** The round-trip model: what Immuta must hold, from the documented rules alone (no engine). */
export type { ModelConfig, ModelIam, ModelMapping, ModelRules, ModelSource } from "./model-config.ts";
export {
  initialState,
  type ModelState,
  type ModelStep,
  type ModelTarget,
  type ModelUser,
} from "./model-state.ts";
export { applyStep, type StepEffect } from "./apply-step.ts";
export { expectedImmuta, projectValues, type ExpectedUser } from "./expected-immuta.ts";
export { classifyTarget, isCustomTarget, type TargetKind } from "./target-kind.ts";
export { isEmpty, mappedValue, type SourceValue } from "./evaluate-source.ts";
export { inScope } from "./process-user.ts";
export { judgeAttributes, type AttributeVerdict, type VerdictKind } from "./verdicts.ts";
