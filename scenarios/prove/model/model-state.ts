import type { ModelConfig, ModelMapping } from "./model-config.ts";
import type { SourceValue } from "./evaluate-source.ts";

/** The Entra user the model follows: its source values and what puts it in or out of scope. */
export type ModelUser = {
  userPrincipalName: string;
  source: Readonly<Record<string, SourceValue>>;
  accountEnabled: boolean;
  softDeleted: boolean;
  assigned: boolean;
  purged: boolean;
};

/** What the target (the Immuta IAM's SCIM user) holds, as Entra reads it back. */
export type ModelTarget = {
  exists: boolean;
  /** Removed by a hard delete (DELETE /Users/{id}). */
  deleted: boolean;
  /** Lower-cased target name → the values stored. */
  values: ReadonlyMap<string, { target: string; values: readonly string[] }>;
};

/** Everything the model tracks between steps. */
export type ModelState = {
  config: ModelConfig;
  user: ModelUser;
  target: ModelTarget;
  /** The user changed since the last cycle (incremental cycles process only changed objects). */
  changedSinceCycle: boolean;
  /** A restart or a mapping change makes the next cycle an initial one. */
  initialNext: boolean;
  /** Non-URN attributes left out of the create, sent by the next update. */
  pending: boolean;
};

/** One step the model understands; each has a scenario step of the same meaning. */
export type ModelStep =
  | { kind: "set"; source: string; value: SourceValue }
  | { kind: "provision" }
  | { kind: "cycle"; run: "initial" | "incremental" }
  | { kind: "restart" }
  | { kind: "setAccountEnabled"; enabled: boolean }
  | { kind: "softDelete" }
  | { kind: "restore" }
  | { kind: "purge" }
  | { kind: "assign"; assigned: boolean }
  | { kind: "setRows"; iam: string; rows: readonly { scimSchema: string; prefix: string }[] }
  | { kind: "setMapping"; mapping: ModelMapping };

/** The starting state: the user exists in Entra, nothing is provisioned yet. */
export function initialState(config: ModelConfig, user: ModelUser): ModelState {
  return {
    config,
    user,
    target: { exists: false, deleted: false, values: new Map() },
    changedSinceCycle: true,
    initialNext: true,
    pending: false,
  };
}
