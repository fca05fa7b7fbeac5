import type { Outcome } from "../log/log-record.ts";
import { skippedOutcome } from "../log/log-steps.ts";
import { buildDelete } from "../scim-client/scim-requests.ts";
import type { EngineState, ObjectResult, Run } from "./engine-run.ts";
import { findLink, ObjectRun } from "./object-run.ts";

const RESOURCES = { User: "Users", Group: "Groups" } as const;

/** A purged source object: its type and id, all that is left of it in the directory. */
export type PurgedObject = { type: "User" | "Group"; id: string };

/** DELETE /{resource}/{id} of the linked object; the link is forgotten once the object is gone. */
export async function deleteTarget(run: ObjectRun, targetId: string): Promise<Outcome> {
  const { type, id } = run.identity;
  const judged = await run.sendLinked(buildDelete(RESOURCES[type], targetId), "delete");
  if (judged.ok) run.forgetLink();
  run.step(
    "exportDelete",
    judged.ok ? "success" : "failure",
    judged.ok ? `${type} '${id}' was deleted in customappsso` : judged.error.reason,
  );
  return {
    action: "delete",
    status: judged.ok ? "success" : "failure",
    error: judged.ok ? null : judged.error,
    targetId,
    modified: [],
  };
}

/**
 * A purged object Entra had linked: DELETE /{resource}/{id} when the object mapping's Delete target
 * object action is on, a skip otherwise; null when Entra never linked it. The log names the object
 * by its source id, as nothing else of it is left in the directory. A failed delete is escrowed like
 * any other export and retried in a later cycle
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
 */
export async function hardDeleteTarget(
  state: EngineState,
  cycle: Run,
  purged: PurgedObject,
): Promise<ObjectResult | null> {
  const link = findLink(state, purged);
  if (!link) return null;
  const { type, id } = purged;
  const run = new ObjectRun(state, cycle, { id, displayName: id, type });
  run.step(
    "import",
    "success",
    `Received ${type} '${id}' change of type (Delete) from Azure Active Directory`,
  );
  const mapping = type === "User" ? state.job.config.users : state.job.config.groups;
  const outcome = mapping.actions.delete
    ? await deleteTarget(run, link.targetId)
    : skippedOutcome("delete", "ImportSkipped", "The Delete target object action is off.", link.targetId);
  return run.finish(outcome, "trackFromStart");
}
