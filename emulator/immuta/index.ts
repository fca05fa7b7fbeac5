/**
 * The fake Immuta's public surface: what the CLI, scenarios, contracts, benchmarks and tests use.
 * Code outside emulator/immuta imports from here, so the rooms inside can move freely.
 */
export {
  createImmutaApp,
  type ImmutaApp,
  type ImmutaAppOptions,
  type ImmutaEdgeOptions,
  renderImmutaEdgeError,
} from "./create-immuta-app.ts";
export {
  ASSUMPTIONS,
  assumptionRows,
  defaultAssumptions,
  type AssumptionName,
  type AssumptionRow,
  type Assumptions,
} from "./model/assumptions.ts";
export {
  buildIamConfig,
  DEV_CREDENTIALS,
  iamConfigInputSchema,
  type AttributeSchemaRow,
  type IamConfig,
  type IamConfigInput,
} from "./model/iam-config.ts";
export { ImmutaApiError } from "./immuta-api-error.ts";
export { ImmutaState, type Iam, type ImmutaRuntime, type ImmutaStateOptions } from "./model/immuta-state.ts";
export { DEFAULT_JOURNAL_SIZE, type JournalEntry, type JournalSize } from "./model/journal.ts";
export type { HarLog } from "./model/journal.ts";
export type { PlainRequest, PlainResponse } from "./scim/scim-http-request.ts";
export {
  buildImmutaLimits,
  DEFAULT_IMMUTA_LIMITS,
  journalSizeInputSchema,
  type ImmutaLimits,
} from "./model/limits.ts";
