import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { IamConfigInput } from "../../../emulator/immuta/index.ts";
import type { Scenario, ScenarioStep } from "../../loader/scenario-schema.ts";
import type { ModelStep, ModelUser } from "../model/index.ts";
import type { CaseFailure } from "./run-case.ts";
import { graphProperties } from "./run-case.ts";
import { toScenarioStep } from "./scenario-step.ts";

/** A failed case as a person replays it. */
export type Counterexample = {
  scenario: Scenario;
  user: ModelUser;
  /** Every step that ran, the failing one last. */
  steps: readonly ModelStep[];
  failure: CaseFailure;
  seed: number;
};

/**
 * The counterexample as a scenario: the configuration, the one user, the steps up to the one
 * that failed, then the expectations that did not hold (`synclab run` fails on them). A
 * disagreement about the log or the requests becomes an `expect: requests` of what the model says a
 * quiet run sends, and is quoted in the description.
 */
export function counterexampleScenario(example: Counterexample): Record<string, unknown> {
  const { scenario, user, failure } = example;
  const context = {
    userPrincipalName: user.userPrincipalName,
    iams: scenario.immuta.iams as IamConfigInput[],
  };
  const steps: ScenarioStep[] = example.steps
    .slice(0, failure.stepIndex + 1)
    .map((step) => toScenarioStep(step, context));
  for (const disagreement of failure.disagreements) {
    if (Object.keys(disagreement.expect).length > 0) steps.push({ expect: disagreement.expect });
  }
  const quiet = failure.disagreements.some((disagreement) => Object.keys(disagreement.expect).length === 0);
  if (quiet && failure.step.kind === "cycle") {
    steps.push({ expect: { requests: ['GET /Users?filter=userName eq "*"', "GET /Users/*"] } });
  }
  return {
    name: `Counterexample: ${failure.disagreements[0]?.what ?? "the fakes and the model disagree"}`.slice(
      0,
      200,
    ),
    description: [
      `Written by synclab prove (seed ${example.seed}). After step ${failure.stepIndex + 1} the fakes and the round-trip model disagree:`,
      ...failure.disagreements.map((disagreement) => `- ${disagreement.what}`),
    ].join("\n"),
    seed: scenario.seed,
    entra: {
      ...scenario.entra,
      users: [{ ...graphProperties(user), assigned: user.assigned }],
      groups: [],
    },
    immuta: scenario.immuta,
    steps,
  };
}

/** Writes the counterexample scenario to `dir` and answers its path. */
export async function writeCounterexample(dir: string, example: Counterexample): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `counterexample-${example.seed}.yaml`);
  const header = `# Replay: synclab run ${file}\n`;
  await writeFile(file, header + stringify(counterexampleScenario(example), { lineWidth: 0 }), "utf8");
  return file;
}
