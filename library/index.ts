/**
 * `synclab`: both fakes for other projects' tests, on real ports (`startSynclab`) or in-process
 * (`createSynclab`). msw handlers are in `synclab/msw`, the scenario loader in `synclab/scenario`.
 */
export { startSynclab, type RunningSynclab, type StartSynclabOptions } from "./start-synclab.ts";
export {
  createSynclab,
  type CreateSynclabOptions,
  type ImmutaUser,
  type ProvisioningRun,
  type Synclab,
} from "./create-synclab.ts";
export type { ScenarioInput, ScenarioSource } from "./scenario.ts";
