import type { JsonValue } from "../../../scim/index.ts";
import { displayValue, toTargetValue } from "../mapping/attribute-diff.ts";
import type { TargetValue } from "../mapping/evaluate-mappings.ts";
import { judgeResponse } from "../scim-client/judge-response.ts";
import {
  buildUserPatch,
  quoteFilterValue,
  type AttributeChange,
  type TargetEntry,
} from "../scim-client/scim-requests.ts";
import type { EngineState } from "./engine-run.ts";
import type { ObjectRun } from "./object-run.ts";

/**
 * Reference resolution: the manager goes in a separate PATCH after the create, its value the
 * manager's target id ("the service does more updates on the target system to create and link the
 * referenced objects", https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
 */
export async function linkManager(
  run: ObjectRun,
  entries: readonly TargetEntry[],
  targetId: string,
): Promise<void> {
  const manager = entries.find((entry) => entry.attribute.type === "Reference" && entry.value !== null);
  if (!manager || !run.job.quirks.managerSeparatePatch) return;
  const managerTarget = resolveReference(run.state, manager.value);
  if (managerTarget === null) {
    // "If the manager isn't in scope on day one, the reference is not updated until restart"
    // (https://learn.microsoft.com/entra/identity/app-provisioning/known-issues).
    run.step(
      "reference",
      "skipped",
      `The manager ${displayValue(manager.value) ?? ""} is not provisioned yet; the reference is not set.`,
    );
    return;
  }
  const change: AttributeChange = {
    ...manager,
    attribute: { ...manager.attribute, type: "String" },
    value: managerTarget,
    hadValue: false,
  };
  const request = buildUserPatch(targetId, [change], run.cycle.dialect, run.job.quirks);
  if (!request) return;
  const judged = judgeResponse(await run.send(request), "patch", { knownId: true });
  run.step(
    "reference",
    judged.ok ? "success" : "failure",
    judged.ok ? `Manager set to ${managerTarget}` : judged.error.reason,
  );
}

/**
 * The manager change: its target id as a plain string
 * (https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686); a cleared manager sends nothing
 * unless quirks.managerRemoveOnClear sends `manager[value eq "id"]`
 * (https://github.com/thomaspoignant/scim-patch/issues/453).
 */
export function referenceChange(
  state: EngineState,
  entry: TargetEntry,
  current: JsonValue | undefined,
): AttributeChange | null {
  const currentValue = toTargetValue(current);
  const currentId = Array.isArray(currentValue) ? (currentValue[0] ?? null) : currentValue;
  const plain = { ...entry, attribute: { ...entry.attribute, type: "String" as const } };
  if (entry.value === null) {
    if (currentId === null || !state.job.quirks.managerRemoveOnClear) return null;
    return {
      ...plain,
      target: `${entry.target}[value eq ${quoteFilterValue(currentId)}]`,
      value: null,
      hadValue: true,
    };
  }
  const wanted = resolveReference(state, entry.value);
  // An unresolvable manager (not provisioned) is left for a later cycle
  // (https://learn.microsoft.com/entra/identity/app-provisioning/known-issues).
  if (wanted === null || wanted === currentId) return null;
  return { ...plain, value: wanted, hadValue: currentId !== null };
}

/** A referenced user's target id, or null while it is not provisioned. */
function resolveReference(state: EngineState, value: TargetValue): string | null {
  if (value === null) return null;
  const source = Array.isArray(value) ? value[0] : value;
  return source === undefined ? null : (state.anchors.get(source)?.targetId ?? null);
}
