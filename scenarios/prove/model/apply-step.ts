import type { ModelIam } from "./model-config.ts";
import type { ModelState, ModelStep } from "./model-state.ts";
import { processUser } from "./process-user.ts";

/** A step's effect on the model: the next state and, for provisioning steps, what was sent (null: the user was not processed). */
export type StepEffect = { state: ModelState; sent: string[] | null };

/**
 * Applies one step. Directory changes mark the user changed; provision on demand always processes
 * the user (https://learn.microsoft.com/entra/identity/app-provisioning/provision-on-demand);
 * an incremental cycle processes only objects changed since the last cycle, a user still owed a
 * non-URN attribute, and everything after a restart or a mapping change
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
 */
export function applyStep(state: ModelState, step: ModelStep): StepEffect {
  const changed = (user: Partial<ModelState["user"]>): StepEffect => ({
    state: { ...state, user: { ...state.user, ...user }, changedSinceCycle: true },
    sent: null,
  });
  switch (step.kind) {
    case "set":
      return changed({ source: { ...state.user.source, [step.source]: step.value } });
    case "setAccountEnabled":
      return changed({ accountEnabled: step.enabled });
    case "softDelete":
      return changed({ softDeleted: true });
    case "restore":
      return changed({ softDeleted: false });
    case "purge":
      return changed({ purged: true });
    case "assign":
      return changed({ assigned: step.assigned });
    case "restart":
      return { state: { ...state, initialNext: true }, sent: null };
    case "setMapping": {
      const key = step.mapping.target.toLowerCase();
      const others = state.config.mappings.filter((mapping) => mapping.target.toLowerCase() !== key);
      const config = { ...state.config, mappings: [...others, step.mapping] };
      return { state: { ...state, config, initialNext: true }, sent: null };
    }
    case "setRows": {
      const iams = state.config.iams.map((iam): ModelIam =>
        iam.id === step.iam ? { ...iam, rows: step.rows } : iam,
      );
      return { state: { ...state, config: { ...state.config, iams } }, sent: null };
    }
    case "provision":
      return processUser(state, "demand");
    case "cycle": {
      const all = step.run === "initial" || state.initialNext;
      if (!all && !state.changedSinceCycle && !state.pending) {
        return { state, sent: null };
      }
      const processed = processUser(state, "cycle");
      return {
        state: { ...processed.state, changedSinceCycle: false, initialNext: false },
        sent: processed.sent,
      };
    }
  }
}
