import type { JsonObject } from "../../../scim/index.ts";
import type { EntraGroup } from "../../directory/entra-user.ts";
import { targetAttribute } from "../config/provisioning-config.ts";
import type { Outcome } from "../log/log-record.ts";
import { skippedOutcome } from "../log/log-steps.ts";
import { diff, displayValue } from "../mapping/attribute-diff.ts";
import { readGroupSource } from "../mapping/source-attributes.ts";
import { buildTargetEntries } from "../mapping/target-entries.ts";
import { readTargetValue } from "../mapping/target-path.ts";
import { buildCreateGroup, buildGroupPatch, type AttributeChange } from "../scim-client/scim-requests.ts";
import { deleteTarget } from "./delete-target.ts";
import type { EngineState, ObjectResult, Run } from "./engine-run.ts";
import {
  exportObject,
  type CreatePlan,
  type ExportStrategy,
  type Found,
  type Subject,
  type UpdatePlan,
} from "./export-object.ts";
import { ObjectRun } from "./object-run.ts";

type GroupSubject = Subject & { group: EntraGroup; inScope: boolean };

/**
 * Matches, creates or updates one group's non-member attributes ("Group Operations",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
 * groups are looked up by displayName with `excludedAttributes=members` and created empty; members
 * follow in a separate PATCH (syncMembership). An out-of-scope linked group is deleted when
 * quirks.groupOutOfScopeDeletes and the Delete action are on. Null when group provisioning is off
 * and the run is a cycle: nothing is logged.
 */
export async function exportGroup(
  state: EngineState,
  cycle: Run,
  group: EntraGroup,
  force: boolean,
): Promise<ObjectResult | null> {
  const run = new ObjectRun(state, cycle, { id: group.id, displayName: group.displayName, type: "Group" });
  const subject: GroupSubject = {
    group,
    label: group.displayName,
    read: (name) => readGroupSource(group, name),
    force,
    inScope: cycle.snapshot.groupInScope(group),
  };
  return exportObject(GROUP_EXPORT, run, subject);
}

const GROUP_EXPORT: ExportStrategy<GroupSubject, CreatePlan> = {
  resource: "Groups",
  objectMapping: (run) => run.job.config.groups,
  announce: (run, { group, inScope }) => {
    run.step("import", "success", `Retrieved Group '${group.displayName}' from Azure Active Directory`, {
      objectId: group.id,
      displayName: group.displayName,
    });
    run.step(
      "scoping",
      inScope ? "success" : "skipped",
      inScope
        ? "Determine if Group in scope by evaluating against each scoping filter"
        : `Group '${group.displayName}' is not in scope`,
      { ScopeEvaluationResult: inScope ? "InScope" : "NotInScope" },
    );
  },
  screen,
  noMatchingValue: null,
  link: (run, targetId, created) => {
    const anchor = run.state.groupAnchors.get(run.identity.id);
    run.state.groupAnchors.set(run.identity.id, {
      targetId,
      members: created ? new Map<string, string>() : (anchor?.members ?? new Map<string, string>()),
      outOfScope: false,
    });
  },
  planCreate,
  afterCreate: () => Promise.resolve(),
  planUpdate,
  oldValue: (target, change) => displayValue(readTargetString(target, change)),
  updateDetails: () => ({}),
  settle: () => undefined,
};

function screen(
  run: ObjectRun,
  { group, inScope, force }: GroupSubject,
): Outcome | null | "match" | Promise<Outcome> {
  const { job } = run;
  const anchor = run.state.groupAnchors.get(group.id);
  const targetId = anchor?.targetId ?? "";
  if (!job.config.groups.enabled) {
    if (!force) return null;
    return skippedOutcome("other", "ImportSkipped", "Group provisioning is disabled for this app.", targetId);
  }
  if (inScope) return "match";
  if (!anchor) {
    return skippedOutcome(
      "other",
      "NotEffectivelyEntitled",
      `Group '${group.displayName}' is not in scope.`,
      targetId,
    );
  }
  anchor.outOfScope = true;
  if (!job.quirks.groupOutOfScopeDeletes || !job.config.groups.actions.delete) {
    return skippedOutcome(
      "other",
      "NotEffectivelyEntitled",
      `Group '${group.displayName}' went out of scope; it is left in customappsso.`,
      targetId,
    );
  }
  return deleteTarget(run, anchor.targetId);
}

function planCreate(run: ObjectRun, { group, read }: GroupSubject): CreatePlan | Outcome {
  const { job } = run;
  const entries = buildTargetEntries(run.state.mapping, {
    mappings: job.config.groups.mappings,
    read,
    operation: "create",
    attributes: run.cycle.groupAttributes,
    unlisted: targetAttribute,
  });
  if (!job.config.groups.actions.create) {
    return skippedOutcome("create", "ImportSkipped", "The Create target object action is off.");
  }
  run.step(
    "add",
    "success",
    `Group '${group.displayName}' will be created in customappsso (no matching Group was found in customappsso)`,
  );
  const modified = entries
    .filter((entry) => entry.value !== null && entry.target.toLowerCase() !== "members")
    .map((entry) => ({ displayName: entry.target, oldValue: null, newValue: displayValue(entry.value) }));
  return { request: buildCreateGroup(entries, job.quirks), modified, notExported: [] };
}

function planUpdate(run: ObjectRun, { read }: GroupSubject, found: Found): UpdatePlan | Outcome {
  const { job } = run;
  const { target, targetId } = found;
  const entries = buildTargetEntries(run.state.mapping, {
    mappings: job.config.groups.mappings,
    read,
    operation: "update",
    attributes: run.cycle.groupAttributes,
    unlisted: targetAttribute,
  });
  const anchor = run.state.groupAnchors.get(run.identity.id);
  if (anchor) anchor.outOfScope = false;
  if (!job.config.groups.actions.update) {
    return skippedOutcome("update", "ImportSkipped", "The Update target object action is off.", targetId);
  }
  const changes: AttributeChange[] = [];
  for (const entry of entries) {
    // Members go in their own PATCH ("Update Group [Non-member attributes]" in the page above).
    if (entry.target.toLowerCase() === "members" || entry.attribute.type === "Reference") continue;
    const change = diff(entry, readTargetValue(target, entry.path), job.quirks.nothingSentOnClear);
    if (change) changes.push(change);
  }
  const request = buildGroupPatch(targetId, changes, run.cycle.dialect, job.quirks);
  return { changes, request, action: "update", disabling: false };
}

function readTargetString(target: JsonObject, change: AttributeChange): string | null {
  const value = readTargetValue(target, change.path);
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? null
      : JSON.stringify(value);
}
