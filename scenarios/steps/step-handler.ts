import type { CycleResult } from "../../emulator/entra/index.ts";
import type { ScimExchangeRecord } from "../../emulator/entra/index.ts";
import type { World } from "../world/build-world.ts";
import type { ExpectationResult } from "./expect-diff.ts";
import type { StepArgument, StepKind } from "./step-schemas.ts";

/** What the runner keeps of a step: whether it held, the SCIM requests it sent, the provisioning it ran. */
export type StepOutcome = {
  ok: boolean;
  exchanges: readonly ScimExchangeRecord[];
  result: CycleResult | null;
  /** An expectation step's checks, each with what was expected and what was found. */
  expectations?: readonly ExpectationResult[];
};

/** What a step sees when it runs. */
export type StepContext = {
  world: World;
  /** The outcome of the last step that was not an expectation (for `requests`, `requestBodies`). */
  previous: StepOutcome | undefined;
  /** The last provisioning result of any earlier step (for `log`). */
  lastResult: CycleResult | null;
};

/** A path inside the step's argument, e.g. `["user"]`; empty for the argument itself. */
export type ArgumentPath = (string | number)[];

/**
 * The names a scenario knows at a step, for the loader's reference check: a problem is reported
 * with the path of the name inside the step, and nothing runs.
 */
export type ReferenceScope = {
  /** A user in `entra.users`, by userPrincipalName (case-insensitive) or id. */
  user: (name: string, path: ArgumentPath) => void;
  /** A group in `entra.groups` or made by an earlier step, by displayName (case-insensitive) or id. */
  group: (name: string, path: ArgumentPath) => void;
  /** A user or a group. */
  principal: (name: string, path: ArgumentPath) => void;
  /** A group the step creates: the name must be new; later steps may use it. */
  createsGroup: (name: string, path: ArgumentPath) => void;
  /** A name later steps may use for a group (a rename). */
  namesGroup: (name: string) => void;
};

/** An action changes the world and becomes "the previous step"; an expectation only reads it. */
export type StepRole = "action" | "expectation";

/**
 * One step kind: how its names are checked before anything runs, how it runs and how it prints.
 * `O` is what `run` hands to `print`; the runner keeps its StepOutcome part.
 */
export type StepHandler<K extends StepKind, O extends StepOutcome> = {
  role: StepRole;
  check: (argument: StepArgument<K>, scope: ReferenceScope) => void;
  run: (argument: StepArgument<K>, context: StepContext) => Promise<O>;
  /** The step's report lines; the first is its title. */
  print: (argument: StepArgument<K>, outcome: O) => string[];
};

/** A step handler as the step table holds it, its outcome type closed over. */
export type StepEntry<K extends StepKind> = {
  role: StepRole;
  check: (argument: StepArgument<K>, scope: ReferenceScope) => void;
  perform: (
    argument: StepArgument<K>,
    context: StepContext,
  ) => Promise<{ outcome: StepOutcome; lines: string[] }>;
};

/** A table entry from a handler. */
export function defineStep<K extends StepKind, O extends StepOutcome>(
  handler: StepHandler<K, O>,
): StepEntry<K> {
  return {
    role: handler.role,
    check: handler.check,
    perform: async (argument, context) => {
      const outcome = await handler.run(argument, context);
      return { outcome, lines: handler.print(argument, outcome) };
    },
  };
}

/** The outcome of a step that changes the directory or the configuration and sends nothing. */
export const DONE: StepOutcome = { ok: true, exchanges: [], result: null };

/** For steps that name nothing the loader must check. */
export function checkNothing(): void {}
