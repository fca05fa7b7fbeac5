/** The round-trip model: what Immuta must hold, from the documented rules alone (no engine). */
export type { ModelConfig, ModelIam, ModelMapping } from "./model-config.ts";
export { initialState, type ModelState, type ModelStep, type ModelUser } from "./model-state.ts";
export { applyStep } from "./apply-step.ts";
export { expectedImmuta, type ExpectedUser } from "./expected-immuta.ts";
export { classifyTarget } from "./target-kind.ts";
export { type SourceValue } from "./evaluate-source.ts";
export { judgeAttributes, type AttributeVerdict } from "./verdicts.ts";
