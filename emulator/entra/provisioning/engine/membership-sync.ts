import type { EntraGroup } from "../../directory/entra-user.ts";
import type { Outcome } from "../log/log-record.ts";
import { failedBecause } from "../log/log-steps.ts";
import { buildMembershipPatch } from "../scim-client/scim-requests.ts";
import type { EngineState, GroupAnchor, ObjectResult, Run } from "./engine-run.ts";
import { ObjectRun } from "./object-run.ts";

/**
 * Which members a membership sync covers: `only` some (never removing), and whether to log
 * unresolved ones.
 */
export type MembershipScope = { only?: ReadonlySet<string>; reportUnresolved?: boolean };

/** Members to add and remove (source id, target id), and members without a target id yet. */
type MembershipDelta = { add: [string, string][]; remove: [string, string][]; unresolved: string[] };

/**
 * Brings a linked group's members in line with the directory: members are the users' target ids
 * ("Update Group [Add Members]", "[Remove Members]",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups);
 * Entra works from the members it exported itself (it never reads members back). `only` restricts
 * the run to some members and never removes (provision on demand). Members that cannot be resolved
 * are logged only with `reportUnresolved` (when the group itself was processed).
 */
export async function syncMembership(
  state: EngineState,
  cycle: Run,
  group: EntraGroup,
  scope: MembershipScope,
): Promise<ObjectResult | null> {
  const anchor = state.groupAnchors.get(group.id);
  if (!anchor || !state.job.config.groups.enabled) return null;
  const mapsMembers = state.job.config.groups.mappings.some(
    (mapping) => mapping.target.toLowerCase() === "members",
  );
  if (!mapsMembers) return null;
  const delta = membershipDelta(state, group, anchor, scope);
  const { add, remove, unresolved } = delta;
  const reported = unresolved.length > 0 && scope.reportUnresolved === true;
  if (add.length === 0 && remove.length === 0 && !reported) return null;

  const run = new ObjectRun(state, cycle, { id: group.id, displayName: group.displayName, type: "Group" });
  run.step("import", "success", `Retrieved Group '${group.displayName}' from Azure Active Directory`, {
    objectId: group.id,
  });
  for (const memberId of unresolved) {
    // UnableToResolveReferenceAttributeValue
    // (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs).
    run.step(
      "reference",
      "warning",
      `We were unable to assign ${memberId} as the members of ${group.displayName}: the user is not provisioned.`,
    );
  }
  return run.finish(await exportMembers(run, anchor, delta), "failuresOnly");
}

function membershipDelta(
  state: EngineState,
  group: EntraGroup,
  anchor: GroupAnchor,
  scope: MembershipScope,
): MembershipDelta {
  const add: [string, string][] = [];
  const unresolved: string[] = [];
  const wanted = new Set<string>();
  for (const memberId of group.members) {
    if (scope.only && !scope.only.has(memberId)) continue;
    const user = state.directory.user(memberId);
    if (!user || user.deletedDateTime !== null) continue;
    wanted.add(memberId);
    if (anchor.members.has(memberId)) continue;
    const userAnchor = state.anchors.get(memberId);
    if (userAnchor) add.push([memberId, userAnchor.targetId]);
    else unresolved.push(memberId);
  }
  const remove = scope.only ? [] : [...anchor.members].filter(([memberId]) => !wanted.has(memberId));
  return { add, remove, unresolved };
}

async function exportMembers(run: ObjectRun, anchor: GroupAnchor, delta: MembershipDelta): Promise<Outcome> {
  const { add, remove, unresolved } = delta;
  const { targetId } = anchor;
  const { displayName } = run.identity;
  const request = buildMembershipPatch(
    targetId,
    { add: add.map(([, id]) => id), remove: remove.map(([, id]) => id) },
    run.cycle.dialect,
    run.job.quirks,
  );
  if (!request) {
    const error = failedBecause(
      "UnableToResolveReferenceAttributeValue",
      `We were unable to assign ${unresolved.join(", ")} as the members of ${displayName}.`,
    );
    return { action: "update", status: "warning", error, targetId, modified: [] };
  }
  const kept = [...anchor.members].filter(([id]) => !remove.some(([gone]) => gone === id));
  const modified = [
    {
      displayName: "members",
      oldValue: [...anchor.members.values()].join(", ") || null,
      newValue: [...kept.map(([, t]) => t), ...add.map(([, t]) => t)].join(", ") || null,
    },
  ];
  run.step("update", "success", `Group '${displayName}' members will be updated in customappsso`);
  const judged = await run.sendLinked(request, "patch");
  if (!judged.ok) {
    run.step("exportUpdate", "failure", `Failed to update Group '${displayName}' in customappsso`);
    return { action: "update", status: "failure", error: judged.error, targetId, modified };
  }
  for (const [memberId, memberTarget] of add) anchor.members.set(memberId, memberTarget);
  for (const [memberId] of remove) anchor.members.delete(memberId);
  run.step("exportUpdate", "success", `Group '${displayName}' was updated in customappsso`, { id: targetId });
  const status = unresolved.length > 0 ? "warning" : "success";
  return { action: "update", status, error: null, targetId, modified };
}
