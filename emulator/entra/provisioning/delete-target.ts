import type { EngineContext, LogIdentity, ObjectResult, Outcome, Run } from "./engine-run.ts";
import { skippedOutcome, step } from "./log-steps.ts";
import type { ProvisioningStep } from "./provisioning-log.ts";
import { buildDelete } from "./scim-requests.ts";
import type { ScimExchangeRecord } from "./scim-transport.ts";

type ObjectType = LogIdentity["type"];

const RESOURCES = { User: "Users", Group: "Groups" } as const satisfies Record<ObjectType, string>;

/**
 * DELETE /{resource}/{id} of a linked object. The link is forgotten once the object is gone, and
 * a 404 (InvalidAnchor) counts as gone; `forget` drops it.
 */
export async function deleteTarget(
  context: EngineContext,
  type: ObjectType,
  sourceId: string,
  targetId: string,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
  forget: () => void,
): Promise<Outcome> {
  const exchange = await context.send(exchanges, run, buildDelete(RESOURCES[type], targetId));
  const judged = context.judge(exchange, "delete", { knownId: true });
  if (judged.ok || judged.error.errorCode === "InvalidAnchor") forget();
  steps.push(
    step(
      "EntryExportDelete",
      "export",
      judged.ok ? "success" : "failure",
      judged.ok ? `${type} '${sourceId}' was deleted in customappsso` : judged.error.reason,
    ),
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
 * object action is on, a skip otherwise. The log names the object by its source id, as nothing else
 * of it is left in the directory.
 */
export async function hardDeleteTarget(
  context: EngineContext,
  type: ObjectType,
  sourceId: string,
  targetId: string,
  run: Run,
  forget: () => void,
): Promise<ObjectResult> {
  const started = context.runtime.clock();
  const exchanges: ScimExchangeRecord[] = [];
  const steps = [
    step(
      "EntryImport",
      "import",
      "success",
      `Received ${type} '${sourceId}' change of type (Delete) from Azure Active Directory`,
    ),
  ];
  const mapping = type === "User" ? context.job.config.users : context.job.config.groups;
  const outcome: Outcome = mapping.actions.delete
    ? await deleteTarget(context, type, sourceId, targetId, run, exchanges, steps, forget)
    : skippedOutcome("delete", "ImportSkipped", "The Delete target object action is off.", targetId);
  // A failed delete is escrowed like any other export and retried in a later cycle (how-provisioning-works.md).
  if (outcome.status === "failure")
    context.escrow.fail(sourceId, outcome.error?.errorCode ?? "", started.getTime());
  else context.escrow.succeed(sourceId);
  const log = context.record(run, started, { id: sourceId, displayName: sourceId, type }, outcome, steps);
  return { log, exchanges };
}
