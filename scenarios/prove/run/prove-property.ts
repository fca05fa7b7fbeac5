import fc from "fast-check";
import type { Scenario } from "../../loader/scenario-schema.ts";
import { stepApplies, stepArbitrary } from "../generate/step-arbitrary.ts";
import { multiValue, sourceValue } from "../generate/config-arbitrary.ts";
import { settableSources } from "../generate/step-arbitrary.ts";
import type { ModelConfig, ModelState, ModelStep, ModelUser, SourceValue } from "../model/index.ts";
import type { Counterexample } from "./counterexample.ts";
import { modelConfigFrom } from "./model-from-scenario.ts";
import { createProveWorld, type ProveWorld } from "./prove-world.ts";
import { CaseSession, type CaseFailure, type CaseSetup } from "./run-case.ts";
import { stepLine, toScenarioStep } from "./scenario-step.ts";

/** Thrown inside a property run so fast-check shrinks the case; carries what disagreed. */
export class CaseFailureError extends Error {
  readonly failure: CaseFailure;

  constructor(failure: CaseFailure) {
    super(failure.disagreements.map((disagreement) => disagreement.what).join("\n"));
    this.name = "CaseFailureError";
    this.failure = failure;
  }
}

type CommandModel = { state: ModelState };

/** One step as a fast-check command; its toString() is the scenario step it stands for. */
export class StepCommand implements fc.AsyncCommand<CommandModel, CaseSession> {
  readonly step: ModelStep;
  readonly #line: string;

  constructor(step: ModelStep, line: string) {
    this.step = step;
    this.#line = line;
  }

  check(model: Readonly<CommandModel>): boolean {
    return stepApplies(this.step, model.state.user);
  }

  async run(model: CommandModel, session: CaseSession): Promise<void> {
    const failure = await session.step(this.step);
    model.state = session.state;
    if (failure) throw new CaseFailureError(failure);
  }

  toString(): string {
    return this.#line;
  }
}

/** A configuration under proof: its scenario, the world reused for all its cases, the model's view. */
export type ProveTarget = { scenario: Scenario; prove: ProveWorld; setup: CaseSetup };

/** Builds the world and the model configuration for a scenario (once per run). */
export function proveTarget(
  scenario: Scenario,
  options: { seed: number; expect?: CaseSetup["expect"] },
): ProveTarget {
  const prove = createProveWorld(scenario, { seed: options.seed });
  const model = modelConfigFrom(scenario, prove.config);
  const setup: CaseSetup = {
    model,
    iams: scenario.immuta.iams,
    ...(options.expect ? { expect: options.expect } : {}),
  };
  // fast-check prints a failing case's values: the configuration, not the whole world.
  const printed = JSON.stringify({
    mappings: scenario.entra.app.users.mappings,
    iams: scenario.immuta.iams,
    quirks: scenario.entra.app.quirks,
    tenantUrl: scenario.entra.app.tenantUrl,
  });
  return { scenario, prove, setup, [fc.toStringMethod]: () => printed } as ProveTarget;
}

/** A generated user of the configuration: a fixed name, random values (or none) for every settable source. */
export function userArbitrary(config: ModelConfig, userPrincipalName: string): fc.Arbitrary<ModelUser> {
  const entries = settableSources(config).map((source) =>
    fc
      .option<SourceValue>(source.multi ? multiValue : sourceValue, { freq: 5 })
      .map((value) => [source.name, value] as const),
  );
  return fc.tuple(...entries).map((values) => ({
    userPrincipalName,
    source: { mailNickname: userPrincipalName.split("@")[0] ?? "user", ...Object.fromEntries(values) },
    accountEnabled: true,
    softDeleted: false,
    assigned: true,
    purged: false,
  }));
}

/** Steps as commands, printed as the scenario steps they stand for. */
export function commandsArbitrary(target: ProveTarget, userPrincipalName: string, maxCommands: number) {
  const context = { userPrincipalName, iams: target.scenario.immuta.iams };
  const command = stepArbitrary(target.setup.model).map(
    (step) => new StepCommand(step, stepLine(toScenarioStep(step, context))),
  );
  return fc.commands([command], { maxCommands });
}

/** Runs one case as fast-check's model run, then the fixpoint. */
export async function runCommands(
  target: ProveTarget,
  user: ModelUser,
  commands: Iterable<fc.AsyncCommand<CommandModel, CaseSession>>,
): Promise<CaseSession> {
  const session = new CaseSession(target.prove, target.setup, user);
  try {
    await fc.asyncModelRun(() => ({ model: { state: session.state }, real: session }), commands);
    const failure = await session.settle();
    if (failure) throw new CaseFailureError(failure);
  } finally {
    await session.cleanup();
  }
  return session;
}

/**
 * Replays a (shrunk) case outside fast-check to recover the steps that ran and the failure, for
 * the counterexample file.
 */
export async function replayFailure(
  target: ProveTarget,
  user: ModelUser,
  commands: Iterable<StepCommand>,
  seed: number,
): Promise<Counterexample | null> {
  const session = new CaseSession(target.prove, target.setup, user);
  try {
    for (const wrapped of commands) {
      // fast-check hands back its wrappers around the commands that ran.
      const command = (wrapped as unknown as { cmd?: StepCommand }).cmd ?? wrapped;
      if (!stepApplies(command.step, session.state.user)) continue;
      const failure = await session.step(command.step);
      if (failure) return { scenario: target.scenario, user, steps: session.steps, failure, seed };
    }
    const failure = await session.settle();
    return failure ? { scenario: target.scenario, user, steps: session.steps, failure, seed } : null;
  } finally {
    await session.cleanup();
  }
}
