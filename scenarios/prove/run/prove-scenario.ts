import fc from "fast-check";
import type { Scenario } from "../../loader/scenario-schema.ts";
import { judgeAttributes, type AttributeVerdict } from "../model/index.ts";
import { writeCounterexample } from "./counterexample.ts";
import {
  commandsArbitrary,
  proveTarget,
  replayFailure,
  runCommands,
  userArbitrary,
  type StepCommand,
} from "./prove-property.ts";
import type { CaseSetup } from "./run-case.ts";

export type ProveOptions = {
  runs: number;
  seed: number;
  /** Where a counterexample is written. */
  out: string;
  maxSteps?: number;
  /** What the IAMs must show (default: the model); tests swap in a broken one. */
  expect?: CaseSetup["expect"];
};

/** The result of proving a scenario's configuration. */
export type ProveReport = {
  cases: number;
  seconds: number;
  seed: number;
  verdicts: AttributeVerdict[];
  /** The disagreement found, if any, and the counterexample file that replays it. */
  failure: { what: string[]; file: string | null } | null;
  ok: boolean;
};

/**
 * Runs the round-trip properties on a scenario's own configuration: generated users, values and
 * step sequences; judges every mapped attribute. Against a real tenant URL, users are named with
 * a run-unique prefix and deleted after each case.
 */
export async function proveScenario(scenario: Scenario, options: ProveOptions): Promise<ProveReport> {
  const target = proveTarget(scenario, {
    seed: options.seed,
    ...(options.expect ? { expect: options.expect } : {}),
  });
  const domain = scenario.entra.users[0]?.userPrincipalName.split("@")[1] ?? "contoso.com";
  const userName = target.prove.remote
    ? `synclab-prove-${options.seed}-${Date.now().toString(36)}@${domain}`
    : `prove@${domain}`;
  let cases = 0;
  const started = performance.now();
  const property = fc.asyncProperty(
    userArbitrary(target.setup.model, userName),
    commandsArbitrary(target, userName, options.maxSteps ?? 6),
    async (user, commands) => {
      cases += 1;
      await runCommands(target, user, commands);
    },
  );
  const result = await fc.check(property, { numRuns: options.runs, seed: options.seed });
  const seconds = (performance.now() - started) / 1000;
  const verdicts = judgeAttributes(target.setup.model);
  let failure: ProveReport["failure"] = null;
  if (result.failed) {
    const counterexample = result.counterexample
      ? await replayFailure(
          target,
          result.counterexample[0],
          result.counterexample[1] as Iterable<StepCommand>,
          options.seed,
        )
      : null;
    const file = counterexample ? await writeCounterexample(options.out, counterexample) : null;
    const what = counterexample?.failure.disagreements.map((disagreement) => disagreement.what) ?? [
      String(result.errorInstance),
    ];
    failure = { what, file };
  }
  const ok =
    failure === null && verdicts.every((verdict) => !verdict.required || verdict.kind === "round-trips");
  return { cases, seconds, seed: options.seed, verdicts, failure, ok };
}
