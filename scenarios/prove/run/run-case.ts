import type { IamConfigInput } from "../../../emulator/immuta/index.ts";
import type { JsonValue } from "../../../emulator/scim/index.ts";
import {
  applyStep,
  expectedImmuta,
  type ExpectedUser,
  initialState,
  type ModelConfig,
  type ModelState,
  type ModelStep,
  type ModelUser,
} from "../model/index.ts";
import { judgeLog, judgeUser, type Disagreement } from "./judge-step.ts";
import { observeImmuta } from "./observe-immuta.ts";
import { graphValue, isOnPremisesExtension } from "./graph-value.ts";
import { performStep } from "./perform-step.ts";
import type { ProveWorld } from "./prove-world.ts";

/** One generated case: a user with its source values and the steps to run. */
export type ProveCase = { user: ModelUser; steps: readonly ModelStep[] };

/** Where a case went wrong: the step, and every disagreement seen after it. */
export type CaseFailure = { stepIndex: number; step: ModelStep; disagreements: Disagreement[] };

/** What a case needs besides the world: the model's configuration and the IAM inputs (for setRows). */
export type CaseSetup = {
  model: ModelConfig;
  iams: readonly IamConfigInput[];
  /** What the IAMs must show (default: the model's expectedImmuta); a test swaps in a broken one. */
  expect?: (state: ModelState) => Map<string, ExpectedUser>;
};

/** The user as Graph properties; `extensionAttributeN` sources live in onPremisesExtensionAttributes. */
export function graphProperties(user: ModelUser): Record<string, JsonValue> {
  const properties: Record<string, JsonValue> = {
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
  };
  const onPremises: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(user.source)) {
    if (value === null) continue;
    if (isOnPremisesExtension(name)) onPremises[name] = graphValue(value);
    else properties[name] = graphValue(value);
  }
  if (Object.keys(onPremises).length > 0) properties.onPremisesExtensionAttributes = onPremises;
  return properties;
}

/** Runs one case step by step against the fakes, judging them against the model after each step. */
export class CaseSession {
  readonly steps: ModelStep[] = [];
  #state: ModelState;
  readonly #prove: ProveWorld;
  readonly #setup: CaseSetup;
  readonly #userName: string;
  readonly #userId: string;

  constructor(prove: ProveWorld, setup: CaseSetup, user: ModelUser) {
    prove.reset(graphProperties(user));
    this.#prove = prove;
    this.#setup = setup;
    this.#state = initialState(setup.model, user);
    this.#userName = user.userPrincipalName;
    this.#userId = prove.world.tenant.directory.user(this.#userName)?.id ?? this.#userName;
  }

  get state(): ModelState {
    return this.#state;
  }

  /**
   * Against a real Immuta, deletes the user this case created (SCIM DELETE with the app's token);
   * in-process the next reset forgets it.
   */
  async cleanup(): Promise<void> {
    if (!this.#prove.remote) return;
    const { world } = this.#prove;
    const { endpoint } = world.app.engine.endpoint("initial");
    for (const anchor of world.app.engine.anchors.values()) {
      await world.immutaFetch(
        new Request(`${endpoint.baseUrl}/Users/${encodeURIComponent(anchor.targetId)}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${endpoint.token}` },
        }),
      );
    }
  }

  /** Runs a step on the model and on the fakes; answers what disagreed, or null. */
  async step(step: ModelStep): Promise<CaseFailure | null> {
    const stepIndex = this.steps.length;
    this.steps.push(step);
    if (step.kind === "setMapping") this.#prove.touchConfig();
    const effect = applyStep(this.#state, step);
    this.#state = effect.state;
    const { world, remote } = this.#prove;
    const userName = this.#userName;
    const result = await performStep(world, { userPrincipalName: userName, iams: this.#setup.iams }, step);
    const disagreements: Disagreement[] = [];
    if (result) {
      for (const what of judgeLog(result, effect.sent, this.#userId))
        disagreements.push({ what, expect: {} });
    }
    if (result || step.kind === "setRows") {
      for (const [iam, expected] of (this.#setup.expect ?? expectedImmuta)(this.#state)) {
        const observed = await observeImmuta(world, { remote, iam, userName });
        disagreements.push(...judgeUser(expected, observed, { iam, userName }));
      }
    }
    return disagreements.length > 0 ? { stepIndex, step, disagreements } : null;
  }

  /**
   * The fixpoint: after the steps, an initial cycle settles the user and a second one must send
   * only what the model says (nothing, unless a documented rule keeps Entra re-sending).
   */
  async settle(): Promise<CaseFailure | null> {
    return (
      (await this.step({ kind: "cycle", run: "initial" })) ??
      (await this.step({ kind: "cycle", run: "initial" }))
    );
  }
}

/** Runs a whole case, then the fixpoint; answers the first failure or null. */
export async function runCase(
  prove: ProveWorld,
  setup: CaseSetup,
  proveCase: ProveCase,
): Promise<CaseFailure | null> {
  const session = new CaseSession(prove, setup, proveCase.user);
  for (const step of proveCase.steps) {
    const failure = await session.step(step);
    if (failure) return failure;
  }
  return session.settle();
}
