import { EntraError } from "../../emulator/entra/index.ts";
import type { CycleResult, ScimExchangeRecord } from "../../emulator/entra/index.ts";
import type { Runtime } from "../../emulator/runtime/index.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import type { ExpectationResult } from "../steps/expect-diff.ts";
import type { StepContext, StepOutcome } from "../steps/step-handler.ts";
import type { ScenarioStep, StepKind } from "../steps/step-schemas.ts";
import { STEP_TABLE, stepArgument, stepKind } from "../steps/step-table.ts";
import { buildWorld, type World, type WorldOptions } from "../world/build-world.ts";

type ProvisioningLogRecord = CycleResult["results"][number]["log"];

/** What one step did and, for expectations, whether they held. */
export type StepReport = {
  index: number;
  kind: string;
  ok: boolean;
  lines: string[];
  exchanges: ScimExchangeRecord[];
  /** The provisioning log records the step wrote (one per object it provisioned). */
  logs: ProvisioningLogRecord[];
  /** An expectation step's checks; empty for an action. */
  expectations: ExpectationResult[];
};

export type ScenarioReport = { name: string; ok: boolean; steps: StepReport[]; world: World };

/** Replays a scenario's steps against its world; expectation failures are reported, not thrown. */
export async function runScenario(
  scenario: Scenario,
  options: Omit<WorldOptions, "runtime"> & { runtime: Runtime },
): Promise<ScenarioReport> {
  const world = buildWorld(scenario, options);
  const steps: StepReport[] = [];
  const context: StepContext = { world, previous: undefined, lastResult: null };
  for (const [index, step] of scenario.steps.entries()) {
    const kind = stepKind(step);
    const { outcome, lines } = await performStep(kind, step, context);
    if (STEP_TABLE[kind].role === "action") context.previous = outcome;
    if (outcome.result) context.lastResult = outcome.result;
    steps.push({
      index,
      kind,
      ok: outcome.ok,
      lines,
      exchanges: [...outcome.exchanges],
      logs: outcome.result?.results.map((object) => object.log) ?? [],
      expectations: [...(outcome.expectations ?? [])],
    });
  }
  return { name: scenario.name, ok: steps.every((step) => step.ok), steps, world };
}

const REFUSED: StepOutcome = { ok: false, exchanges: [], result: null };

async function performStep<K extends StepKind>(
  kind: K,
  step: ScenarioStep,
  context: StepContext,
): Promise<{ outcome: StepOutcome; lines: string[] }> {
  try {
    return await STEP_TABLE[kind].perform(stepArgument(step, kind), context);
  } catch (error) {
    // A step the tenant refuses (e.g. purging a user that is not deleted) fails that step, as
    // Graph would answer the same call with an error; the scenario goes on.
    if (!(error instanceof EntraError)) throw error;
    return { outcome: REFUSED, lines: [`${kind}: refused: ${error.code}: ${error.message}`] };
  }
}
