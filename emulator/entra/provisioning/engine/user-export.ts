import { URN } from "../../../scim/index.ts";
import type { EntraUser } from "../../directory/entra-user.ts";
import { unlistedTargetAttribute } from "../config/provisioning-config.ts";
import type { Outcome } from "../log/log-record.ts";
import type { ErrorInformation } from "../log/provisioning-log.ts";
import { skippedOutcome } from "../log/log-steps.ts";
import { diff, displayValue, toTargetValue } from "../mapping/attribute-diff.ts";
import { readUserSource, type SourceValue } from "../mapping/source-attributes.ts";
import { buildTargetEntries } from "../mapping/target-entries.ts";
import { readTargetValue } from "../mapping/target-path.ts";
import {
  buildCreateUser,
  buildUserPatch,
  type AttributeChange,
  type TargetEntry,
} from "../scim-client/scim-requests.ts";
import type { OutOfScopeReason } from "../scope/scope-snapshot.ts";
import type { EngineState, ObjectResult, Run } from "./engine-run.ts";
import {
  exportObject,
  type CreatePlan,
  type ExportStrategy,
  type Found,
  type Subject,
  type UpdatePlan,
} from "./export-object.ts";
import { linkManager, referenceChange } from "./manager-reference.ts";
import { ObjectRun } from "./object-run.ts";

const OUT_OF_SCOPE_TEXT: Record<OutOfScopeReason, string> = {
  softDeleted: "the user is soft-deleted",
  disabled: "the user is disabled (accountEnabled false)",
  unassigned: "the user is not assigned to the application",
  filtered: "no scoping filter matched",
};

/** A user as the export routine sees it: why it is out of scope (null: in scope). */
type UserSubject = Subject & { user: EntraUser; reason: OutOfScopeReason | null };

/** A user's create, with the entries the manager PATCH after it needs. */
type UserCreatePlan = CreatePlan & { entries: readonly TargetEntry[] };

/**
 * Matches, creates, updates or disables one user
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works): an in-scope
 * user is matched (by its cached target id or the matching attributes) and created or updated; a
 * linked user that left scope is disabled, or skipped under SkipOutOfScopeDeletions. A failure
 * escrows the user. `force` (provision on demand) also redoes a disable already done.
 */
export async function exportUser(
  state: EngineState,
  cycle: Run,
  user: EntraUser,
  force: boolean,
): Promise<ObjectResult | null> {
  const upnValue = user.properties.get("userPrincipalName");
  const label = typeof upnValue === "string" ? upnValue : user.id;
  const run = new ObjectRun(state, cycle, { id: user.id, displayName: label, type: "User" });
  const reason = cycle.snapshot.userOutOfScope(user);
  return exportObject(USER_EXPORT, run, {
    user,
    label,
    read: sourceOf(user, reason !== null),
    force,
    reason,
  });
}

// A function returning the reader: under tsx an arrow bound to a name is wrapped to keep its name,
// which costs more than the read itself in a cycle of thousands of users.
function sourceOf(user: EntraUser, softDeleted: boolean): (name: string) => SourceValue {
  return (name) => readUserSource(user, name, softDeleted);
}

const USER_EXPORT: ExportStrategy<UserSubject, UserCreatePlan> = {
  resource: "Users",
  objectMapping: (run) => run.job.config.users,
  announce,
  screen,
  noMatchingValue: "The user has no value for any matching attribute.",
  link: (run, targetId, created) => {
    const anchor = run.state.anchors.get(run.identity.id);
    run.state.anchors.set(run.identity.id, {
      targetId,
      pending: created ? created.notExported.length > 0 : (anchor?.pending ?? false),
      outOfScope: created ? false : (anchor?.outOfScope ?? false),
    });
  },
  planCreate,
  afterCreate: async (run, plan, targetId) => {
    for (const entry of plan.notExported) {
      // The warning Immuta's knowledge base quotes for non-URN custom attributes
      // (https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/attributes-are-not-updated-during-initial-create-user-payload-via-scim-on-azure-ad).
      run.step(
        "exportAdd",
        "warning",
        `A property of an entry was not exported, because exporting the property is not supported for this operation: Add. The entry is ${run.identity.displayName}. The property is ${entry.target}.`,
        { PropertyName: entry.target },
      );
    }
    await linkManager(run, plan.entries, targetId);
  },
  planUpdate,
  oldValue: (target, change) => displayValue(toTargetValue(readTargetValue(target, change.path))),
  updateDetails: (subject) => ({ ReportableIdentifier: subject.label }),
  settle: (run, subject) => {
    const anchor = run.state.anchors.get(run.identity.id);
    if (!anchor) return;
    anchor.pending = false;
    anchor.outOfScope = subject.reason !== null;
  },
};

function announce(run: ObjectRun, { user, label, reason }: UserSubject): void {
  const softDeleted = reason !== null;
  const { snapshot } = run.cycle;
  run.step("import", "success", `Retrieved User '${label}' from Azure Active Directory`, {
    objectId: user.id,
    userPrincipalName: label,
    accountEnabled: String(user.properties.get("accountEnabled") !== false),
    IsSoftDeleted: softDeleted ? "True" : "False",
  });
  run.step(
    "scoping",
    softDeleted ? "skipped" : "success",
    softDeleted
      ? `User '${label}' is not in scope: ${OUT_OF_SCOPE_TEXT[reason]}`
      : "Determine if User in scope by evaluating against each scoping filter",
    {
      "Active in the source system": String(reason !== "softDeleted" && reason !== "disabled"),
      "Assigned to the application": String(snapshot.isAssigned(user)),
      "Scoping filter evaluation passed": String(snapshot.passesFilters(user)),
      ScopeEvaluationResult: softDeleted ? "NotInScope" : "InScope",
    },
  );
}

/**
 * Entra only disables what it manages: an unlinked out-of-scope user is skipped
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works), and so is
 * the disable under SkipOutOfScopeDeletions
 * (https://learn.microsoft.com/entra/identity/app-provisioning/skip-out-of-scope-deletions).
 */
function screen(run: ObjectRun, { label, reason, force }: UserSubject): Outcome | "match" {
  const { job } = run;
  const anchor = run.state.anchors.get(run.identity.id);
  const skip = skipper(anchor?.targetId ?? "");
  if (!job.config.users.enabled) return skip("ImportSkipped", "User provisioning is disabled for this app.");
  if (reason === null) return "match";
  if (!anchor) {
    return skip(
      "NotEffectivelyEntitled",
      `User '${label}' is not in scope (${OUT_OF_SCOPE_TEXT[reason]}) and is not provisioned.`,
    );
  }
  const scopeExit = reason === "unassigned" || reason === "filtered";
  if (job.config.skipOutOfScopeDeletions && (scopeExit || !job.quirks.skipOutOfScopeOnlyForScopeExits)) {
    anchor.outOfScope = true;
    const text = `User '${label}' went out of scope; the disable was skipped because SkipOutOfScopeDeletions is set.`;
    run.step("skip", "skipped", text, { SkipReason: "SkipOutOfScopeDeletions" });
    return skip("SkipOutOfScopeDeletions", text);
  }
  if (anchor.outOfScope && run.cycle.kind === "incremental" && !force) {
    const text = `User '${label}' is out of scope and already disabled in customappsso.`;
    run.step("skip", "skipped", text, { SkipReason: "NotEffectivelyEntitled" });
    return skip("NotEffectivelyEntitled", text);
  }
  return "match";
}

function skipper(targetId: string): (code: ErrorInformation["errorCode"], text: string) => Outcome {
  return (code, text) => skippedOutcome("other", code, text, targetId);
}

function planCreate(run: ObjectRun, { label, read, reason }: UserSubject): UserCreatePlan | Outcome {
  const { job } = run;
  if (reason !== null) {
    run.forgetLink();
    return skippedOutcome(
      "other",
      "NotEffectivelyEntitled",
      `User '${label}' is not in scope and does not exist in customappsso.`,
    );
  }
  if (!job.config.users.actions.create) {
    return skippedOutcome("create", "ImportSkipped", "The Create target object action is off.");
  }
  run.step(
    "add",
    "success",
    `User '${label}' will be created in customappsso (User is active and assigned in Azure Active Directory, but no matching User was found in customappsso)`,
  );
  const entries = buildTargetEntries(run.state.mapping, {
    mappings: job.config.users.mappings,
    read,
    operation: "create",
    attributes: run.cycle.userAttributes,
    unlisted: unlistedTargetAttribute,
  });
  const missing = entries.find((entry) => entry.attribute.required && entry.value === null);
  if (missing) {
    const text = `${URN.user} '${label}' will be skipped because the value of the property ${missing.target} is missing or invalid. Please update the value of the property ${missing.target} on the object in the source system.`;
    run.step("skip", "skipped", text, {
      PropertyName: missing.target,
      SkipReason: "AttributeValidationFailed",
    });
    return skippedOutcome("create", "AttributeValidationFailed", text);
  }
  const { request, skipped: notExported } = buildCreateUser(entries, job.quirks);
  const modified = entries
    .filter(
      (entry) => entry.value !== null && entry.attribute.type !== "Reference" && !notExported.includes(entry),
    )
    .map((entry) => ({ displayName: entry.target, oldValue: null, newValue: displayValue(entry.value) }));
  return { request, modified, notExported, entries };
}

function planUpdate(run: ObjectRun, { read, reason }: UserSubject, found: Found): UpdatePlan | Outcome {
  const { target, targetId } = found;
  const { job } = run;
  if (!job.config.users.actions.update) {
    return skippedOutcome("update", "ImportSkipped", "The Update target object action is off.", targetId);
  }
  const softDeleted = reason !== null;
  const entries = buildTargetEntries(run.state.mapping, {
    mappings: job.config.users.mappings,
    read,
    operation: "update",
    attributes: run.cycle.userAttributes,
    unlisted: unlistedTargetAttribute,
  });
  const changes: AttributeChange[] = [];
  for (const entry of entries) {
    // A disable carries only `active` (assumed, quirks.disableSendsOnlyActive).
    if (softDeleted && job.quirks.disableSendsOnlyActive && entry.target.toLowerCase() !== "active") continue;
    const current = readTargetValue(target, entry.path);
    const change =
      entry.attribute.type === "Reference"
        ? referenceChange(run.state, entry, current)
        : diff(entry, current, job.quirks.nothingSentOnClear);
    if (change) changes.push(change);
  }
  const request = buildUserPatch(targetId, changes, run.cycle.dialect, job.quirks);
  const disables = softDeleted && changes.some((change) => change.target.toLowerCase() === "active");
  return { changes, request, action: disables ? "disable" : "update", disabling: softDeleted };
}
