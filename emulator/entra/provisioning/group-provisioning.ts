import { matchByFilters, readAnchored, type MatchContext } from "./match-target.ts";
import { type JsonObject } from "../../scim/json.ts";
import type { EntraGroup } from "../directory/entra-user.ts";
import { diff, displayValue } from "./attribute-diff.ts";
import { deleteTarget, hardDeleteTarget } from "./delete-target.ts";
import type { EngineContext, ObjectResult, Outcome, Run } from "./engine-run.ts";
import { failedBecause, skippedBecause, skippedOutcome, step, guardMappings } from "./log-steps.ts";
import { matchingValues } from "./matching-mappings.ts";
import { targetAttribute } from "./provisioning-config.ts";
import type { ErrorInformation, ProvisioningStatus, ProvisioningStep } from "./provisioning-log.ts";
import {
  buildCreateGroup,
  buildGroupPatch,
  buildMembershipPatch,
  type AttributeChange,
} from "./scim-requests.ts";
import type { ScimExchangeRecord } from "./scim-transport.ts";
import { readGroupSource } from "./scope-snapshot.ts";
import { buildTargetEntries } from "./target-entries.ts";
import { readTargetValue } from "./target-path.ts";

/**
 * Matches, creates or updates one group's non-member attributes (use-scim-to-provision-users-and-groups.md
 * "Group Operations"): groups are looked up by displayName with `excludedAttributes=members` and created
 * empty; members follow in a separate PATCH (syncMembership). An out-of-scope linked group is deleted
 * when quirks.groupOutOfScopeDeletes and the Delete action are on.
 */
export async function exportGroup(
  context: EngineContext,
  group: EntraGroup,
  run: Run,
  force: boolean,
): Promise<ObjectResult | null> {
  const started = context.runtime.clock();
  const exchanges: ScimExchangeRecord[] = [];
  const steps: ProvisioningStep[] = [
    step(
      "EntryImport",
      "import",
      "success",
      `Retrieved Group '${group.displayName}' from Azure Active Directory`,
      {
        objectId: group.id,
        displayName: group.displayName,
      },
    ),
  ];
  const inScope = run.snapshot.groupInScope(group);
  steps.push(
    step(
      "EntrySynchronizationScoping",
      "scoping",
      inScope ? "success" : "skipped",
      inScope
        ? "Determine if Group in scope by evaluating against each scoping filter"
        : `Group '${group.displayName}' is not in scope`,
      { ScopeEvaluationResult: inScope ? "InScope" : "NotInScope" },
    ),
  );
  const outcome = await guardMappings(
    () => exportGroupOutcome(context, group, inScope, run, exchanges, steps, force),
    steps,
  );
  if (outcome === null) return null;
  if (outcome.status === "failure")
    context.escrow.fail(group.id, outcome.error?.errorCode ?? "", context.runtime.clock().getTime());
  else context.escrow.succeed(group.id);
  const log = context.record(
    run,
    started,
    { id: group.id, displayName: group.displayName, type: "Group" },
    outcome,
    steps,
  );
  return { log, exchanges };
}

async function exportGroupOutcome(
  context: EngineContext,
  group: EntraGroup,
  inScope: boolean,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
  force: boolean,
): Promise<Outcome | null> {
  const { job } = context;
  const anchor = context.groupAnchors.get(group.id);
  const none = { targetId: anchor?.targetId ?? "", modified: [] };
  if (!job.config.groups.enabled) {
    if (!force) return null;
    return {
      action: "other",
      status: "skipped",
      error: skippedBecause("ImportSkipped", "Group provisioning is disabled for this app."),
      ...none,
    };
  }
  if (!inScope) {
    if (!anchor) {
      return {
        action: "other",
        status: "skipped",
        error: skippedBecause("NotEffectivelyEntitled", `Group '${group.displayName}' is not in scope.`),
        ...none,
      };
    }
    anchor.outOfScope = true;
    if (!job.quirks.groupOutOfScopeDeletes || !job.config.groups.actions.delete) {
      return {
        action: "other",
        status: "skipped",
        error: skippedBecause(
          "NotEffectivelyEntitled",
          `Group '${group.displayName}' went out of scope; it is left in customappsso.`,
        ),
        ...none,
      };
    }
    return deleteTarget(context, "Group", group.id, anchor.targetId, run, exchanges, steps, () =>
      context.groupAnchors.delete(group.id),
    );
  }
  const match = await matchGroup(context, group, run, exchanges, steps);
  if ("error" in match) return { action: "other", status: match.status, error: match.error, ...none };
  const mapped = buildTargetEntries(
    context,
    job.config.groups.mappings,
    (name) => readGroupSource(group, name),
    match.target === null ? "create" : "update",
    run.groupAttributes,
    targetAttribute,
  );
  if (match.target === null) {
    if (!job.config.groups.actions.create) {
      return skippedOutcome("create", "ImportSkipped", "The Create target object action is off.");
    }
    steps.push(
      step(
        "EntrySynchronizationAdd",
        "matching",
        "success",
        `Group '${group.displayName}' will be created in customappsso (no matching Group was found in customappsso)`,
      ),
    );
    const exchange = await context.send(exchanges, run, buildCreateGroup(mapped, job.quirks));
    const judged = context.judge(exchange, "resource");
    const modified = mapped
      .filter((entry) => entry.value !== null && entry.target.toLowerCase() !== "members")
      .map((entry) => ({ displayName: entry.target, oldValue: null, newValue: displayValue(entry.value) }));
    if (!judged.ok) {
      steps.push(
        step(
          "EntryExportAdd",
          "export",
          "failure",
          `Failed to create Group '${group.displayName}' in customappsso`,
          { ReportableIdentifier: group.displayName },
        ),
      );
      return { action: "create", status: "failure", error: judged.error, targetId: "", modified };
    }
    const targetId = typeof judged.body.id === "string" ? judged.body.id : "";
    context.groupAnchors.set(group.id, { targetId, members: new Map<string, string>(), outOfScope: false });
    steps.push(
      step(
        "EntryExportAdd",
        "export",
        "success",
        `Group '${group.displayName}' was created in customappsso`,
        { id: targetId, ReportableIdentifier: group.displayName },
      ),
    );
    return { action: "create", status: "success", error: null, targetId, modified };
  }
  const target = match.target;
  const current = context.groupAnchors.get(group.id);
  if (current) current.outOfScope = false;
  if (!job.config.groups.actions.update) {
    return skippedOutcome(
      "update",
      "ImportSkipped",
      "The Update target object action is off.",
      match.targetId,
    );
  }
  const changes: AttributeChange[] = [];
  for (const entry of mapped) {
    if (entry.target.toLowerCase() === "members" || entry.attribute.type === "Reference") continue;
    const change = diff(entry, readTargetValue(target, entry.path), job.quirks.nothingSentOnClear);
    if (change) changes.push(change);
  }
  const request = buildGroupPatch(match.targetId, changes, run.dialect, job.quirks);
  if (!request) {
    const text = `The state of the group in both the source and target systems already match. No change to the Group '${group.displayName}' currently needs to be made.`;
    steps.push(
      step("EntrySynchronizationSkip", "processing", "skipped", text, { SkipReason: "RedundantExport" }),
    );
    return skippedOutcome("other", "RedundantExport", text, match.targetId);
  }
  steps.push(
    step(
      "EntrySynchronizationUpdate",
      "processing",
      "success",
      `Group '${group.displayName}' will be updated in customappsso`,
    ),
  );
  const exchange = await context.send(exchanges, run, request);
  const judged = context.judge(exchange, "patch", { knownId: true });
  const modified = changes.map((change) => ({
    displayName: change.target,
    oldValue: displayValue(readTargetString(target, change)),
    newValue: displayValue(change.value),
  }));
  if (!judged.ok) {
    if (judged.error.errorCode === "InvalidAnchor") context.groupAnchors.delete(group.id);
    steps.push(
      step(
        "EntryExportUpdate",
        "export",
        "failure",
        `Failed to update Group '${group.displayName}' in customappsso`,
      ),
    );
    return { action: "update", status: "failure", error: judged.error, targetId: match.targetId, modified };
  }
  steps.push(
    step(
      "EntryExportUpdate",
      "export",
      "success",
      `Group '${group.displayName}' was updated in customappsso`,
      { id: match.targetId },
    ),
  );
  return { action: "update", status: "success", error: null, targetId: match.targetId, modified };
}

function readTargetString(target: JsonObject, change: AttributeChange): string | null {
  const value = readTargetValue(target, change.path);
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? null
      : JSON.stringify(value);
}

async function matchGroup(
  context: EngineContext,
  group: EntraGroup,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
): Promise<
  { target: JsonObject | null; targetId: string } | { error: ErrorInformation; status: ProvisioningStatus }
> {
  const anchor = context.groupAnchors.get(group.id);
  const matcher: MatchContext = {
    resource: "Groups",
    send: (request) => context.send(exchanges, run, request),
    judge: context.judge,
    steps,
  };
  if (anchor && context.job.quirks.getByIdWhenAnchored) {
    // "GET /Groups/{id}?excludedAttributes=members" (use-scim-to-provision-users-and-groups.md "Get Group").
    return readAnchored(matcher, anchor.targetId, group.displayName, () =>
      context.groupAnchors.delete(group.id),
    );
  }
  const match = await matchByFilters(
    matcher,
    matchingValues(context, context.job.config.groups.mappings, (name) => readGroupSource(group, name)),
  );
  if ("error" in match) return match;
  if (match.target !== null) {
    context.groupAnchors.set(group.id, {
      targetId: match.targetId,
      members: anchor?.members ?? new Map<string, string>(),
      outOfScope: false,
    });
    return match;
  }
  return { target: null, targetId: "" };
}

/** A purged group Entra had linked: DELETE /Groups/{id} when the Delete action is on. */
export async function hardDeleteGroup(
  context: EngineContext,
  groupId: string,
  run: Run,
): Promise<ObjectResult | null> {
  const anchor = context.groupAnchors.get(groupId);
  if (!anchor) return null;
  return hardDeleteTarget(context, "Group", groupId, anchor.targetId, run, () =>
    context.groupAnchors.delete(groupId),
  );
}

/**
 * Brings a linked group's members in line with the directory (entra.md §1.9): members are the
 * users' target ids; Entra works from the members it exported itself (it never reads members back).
 * `only` restricts the run to some members and never removes (provision on demand). Members that
 * cannot be resolved are logged only with `reportUnresolved` (when the group itself was processed).
 */
export async function syncMembership(
  context: EngineContext,
  group: EntraGroup,
  run: Run,
  options: { only?: ReadonlySet<string>; reportUnresolved?: boolean },
): Promise<ObjectResult | null> {
  const anchor = context.groupAnchors.get(group.id);
  if (!anchor || !context.job.config.groups.enabled) return null;
  const mapsMembers = context.job.config.groups.mappings.some(
    (mapping) => mapping.target.toLowerCase() === "members",
  );
  if (!mapsMembers) return null;
  const add: [string, string][] = [];
  const unresolved: string[] = [];
  const wanted = new Set<string>();
  for (const memberId of group.members) {
    if (options.only && !options.only.has(memberId)) continue;
    const user = context.directory.user(memberId);
    if (!user || user.deletedDateTime !== null) continue;
    wanted.add(memberId);
    if (anchor.members.has(memberId)) continue;
    const userAnchor = context.anchors.get(memberId);
    if (userAnchor) add.push([memberId, userAnchor.targetId]);
    else unresolved.push(memberId);
  }
  const remove: [string, string][] = options.only
    ? []
    : [...anchor.members].filter(([memberId]) => !wanted.has(memberId));
  if (
    add.length === 0 &&
    remove.length === 0 &&
    (unresolved.length === 0 || options.reportUnresolved !== true)
  )
    return null;

  const started = context.runtime.clock();
  const exchanges: ScimExchangeRecord[] = [];
  const steps: ProvisioningStep[] = [
    step(
      "EntryImport",
      "import",
      "success",
      `Retrieved Group '${group.displayName}' from Azure Active Directory`,
      { objectId: group.id },
    ),
  ];
  for (const memberId of unresolved) {
    // howto-analyze-provisioning-logs.md: UnableToResolveReferenceAttributeValue.
    steps.push(
      step(
        "EntryReferenceResolution",
        "referenceResolution",
        "warning",
        `We were unable to assign ${memberId} as the members of ${group.displayName}: the user is not provisioned.`,
      ),
    );
  }
  const identity = { id: group.id, displayName: group.displayName, type: "Group" as const };
  const request = buildMembershipPatch(
    anchor.targetId,
    { add: add.map(([, targetId]) => targetId), remove: remove.map(([, targetId]) => targetId) },
    run.dialect,
    context.job.quirks,
  );
  const modified = [
    {
      displayName: "members",
      oldValue: [...anchor.members.values()].join(", ") || null,
      newValue:
        [
          ...[...anchor.members].filter(([id]) => !remove.some(([gone]) => gone === id)).map(([, t]) => t),
          ...add.map(([, t]) => t),
        ].join(", ") || null,
    },
  ];
  if (!request) {
    const error = failedBecause(
      "UnableToResolveReferenceAttributeValue",
      `We were unable to assign ${unresolved.join(", ")} as the members of ${group.displayName}.`,
    );
    const outcome: Outcome = {
      action: "update",
      status: "warning",
      error,
      targetId: anchor.targetId,
      modified: [],
    };
    return { log: context.record(run, started, identity, outcome, steps), exchanges };
  }
  steps.push(
    step(
      "EntrySynchronizationUpdate",
      "processing",
      "success",
      `Group '${group.displayName}' members will be updated in customappsso`,
    ),
  );
  const exchange = await context.send(exchanges, run, request);
  const judged = context.judge(exchange, "patch", { knownId: true });
  if (!judged.ok) {
    if (judged.error.errorCode === "InvalidAnchor") context.groupAnchors.delete(group.id);
    context.escrow.fail(group.id, judged.error.errorCode, context.runtime.clock().getTime());
    steps.push(
      step(
        "EntryExportUpdate",
        "export",
        "failure",
        `Failed to update Group '${group.displayName}' in customappsso`,
      ),
    );
    const outcome: Outcome = {
      action: "update",
      status: "failure",
      error: judged.error,
      targetId: anchor.targetId,
      modified,
    };
    return { log: context.record(run, started, identity, outcome, steps), exchanges };
  }
  for (const [memberId, targetId] of add) anchor.members.set(memberId, targetId);
  for (const [memberId] of remove) anchor.members.delete(memberId);
  steps.push(
    step(
      "EntryExportUpdate",
      "export",
      "success",
      `Group '${group.displayName}' was updated in customappsso`,
      { id: anchor.targetId },
    ),
  );
  const outcome: Outcome = {
    action: "update",
    status: unresolved.length > 0 ? "warning" : "success",
    error: null,
    targetId: anchor.targetId,
    modified,
  };
  return { log: context.record(run, started, identity, outcome, steps), exchanges };
}
