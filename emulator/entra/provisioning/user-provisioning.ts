import { type JsonObject } from "../../scim/json.ts";
import { URN } from "../../scim/urns.ts";
import type { EntraUser } from "../directory/entra-user.ts";
import { diff, displayValue, toTargetValue } from "./attribute-diff.ts";
import { hardDeleteTarget } from "./delete-target.ts";
import type { EngineContext, ObjectResult, Outcome, Run } from "./engine-run.ts";
import type { TargetValue } from "./evaluate-mappings.ts";
import { skippedBecause, skippedOutcome, step, guardMappings } from "./log-steps.ts";
import { matchByFilters, readAnchored, type MatchContext, type MatchResult } from "./match-target.ts";
import { matchingValues } from "./matching-mappings.ts";
import { unlistedTargetAttribute } from "./provisioning-config.ts";
import type { ErrorInformation, ProvisioningAction, ProvisioningStep } from "./provisioning-log.ts";
import {
  buildCreateUser,
  buildUserPatch,
  quoteFilterValue,
  type AttributeChange,
  type TargetEntry,
} from "./scim-requests.ts";
import type { ScimExchangeRecord } from "./scim-transport.ts";
import type { OutOfScopeReason } from "./scope-snapshot.ts";
import { readUserSource, type SourceValue } from "./source-attributes.ts";
import { buildTargetEntries } from "./target-entries.ts";
import { readTargetValue } from "./target-path.ts";

type Read = (name: string) => SourceValue;

const OUT_OF_SCOPE_TEXT: Record<OutOfScopeReason, string> = {
  softDeleted: "the user is soft-deleted",
  disabled: "the user is disabled (accountEnabled false)",
  unassigned: "the user is not assigned to the application",
  filtered: "no scoping filter matched",
};

/**
 * Matches, creates, updates or disables one user (how-provisioning-works.md): an in-scope user is
 * matched (by its cached target id or the matching attributes) and created or updated; a linked
 * user that left scope is disabled, or skipped under SkipOutOfScopeDeletions. A failure escrows the
 * user (entra.md §1.12). `force` (provision on demand) also redoes a disable already done.
 */
export async function exportUser(
  context: EngineContext,
  user: EntraUser,
  run: Run,
  force: boolean,
): Promise<ObjectResult> {
  const started = context.runtime.clock();
  const exchanges: ScimExchangeRecord[] = [];
  const steps: ProvisioningStep[] = [];
  const upnValue = user.properties.get("userPrincipalName");
  const upn = typeof upnValue === "string" ? upnValue : user.id;
  const reason = run.snapshot.userOutOfScope(user);
  const softDeleted = reason !== null;
  const read: Read = (name) => readUserSource(user, name, softDeleted);
  steps.push(
    step("EntryImport", "import", "success", `Retrieved User '${upn}' from Azure Active Directory`, {
      objectId: user.id,
      userPrincipalName: upn,
      accountEnabled: String(user.properties.get("accountEnabled") !== false),
      IsSoftDeleted: softDeleted ? "True" : "False",
    }),
  );
  steps.push(
    step(
      "EntrySynchronizationScoping",
      "scoping",
      softDeleted ? "skipped" : "success",
      softDeleted
        ? `User '${upn}' is not in scope: ${OUT_OF_SCOPE_TEXT[reason]}`
        : "Determine if User in scope by evaluating against each scoping filter",
      {
        "Active in the source system": String(reason !== "softDeleted" && reason !== "disabled"),
        "Assigned to the application": String(run.snapshot.isAssigned(user)),
        "Scoping filter evaluation passed": String(run.snapshot.passesFilters(user)),
        ScopeEvaluationResult: softDeleted ? "NotInScope" : "InScope",
      },
    ),
  );
  const outcome = await guardMappings(
    () => exportUserOutcome(context, user, upn, read, reason, run, exchanges, steps, force),
    steps,
  );
  if (outcome.status === "failure") {
    context.escrow.fail(user.id, outcome.error?.errorCode ?? "", context.runtime.clock().getTime());
  } else {
    context.escrow.succeed(user.id);
  }
  const log = context.record(run, started, { id: user.id, displayName: upn, type: "User" }, outcome, steps);
  return { log, exchanges };
}

/** A purged user Entra had linked: DELETE /Users/{id} when the Delete action is on. */
export async function hardDeleteUser(
  context: EngineContext,
  userId: string,
  run: Run,
): Promise<ObjectResult | null> {
  const anchor = context.anchors.get(userId);
  if (!anchor) return null;
  return hardDeleteTarget(context, "User", userId, anchor.targetId, run, () =>
    context.anchors.delete(userId),
  );
}

async function exportUserOutcome(
  context: EngineContext,
  user: EntraUser,
  upn: string,
  read: Read,
  reason: OutOfScopeReason | null,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
  force: boolean,
): Promise<Outcome> {
  const { job } = context;
  const mapping = job.config.users;
  const anchor = context.anchors.get(user.id);
  const none = { targetId: anchor?.targetId ?? "", modified: [] };
  const skip = (code: ErrorInformation["errorCode"], text: string) =>
    skippedOutcome("other", code, text, none.targetId);
  if (!mapping.enabled) return skip("ImportSkipped", "User provisioning is disabled for this app.");
  if (reason !== null) {
    // Entra only disables what it manages; an unlinked out-of-scope user is skipped (how-provisioning-works.md).
    if (!anchor) {
      return skip(
        "NotEffectivelyEntitled",
        `User '${upn}' is not in scope (${OUT_OF_SCOPE_TEXT[reason]}) and is not provisioned.`,
      );
    }
    const scopeExit = reason === "unassigned" || reason === "filtered";
    if (job.config.skipOutOfScopeDeletions && (scopeExit || !job.quirks.skipOutOfScopeOnlyForScopeExits)) {
      anchor.outOfScope = true;
      const text = `User '${upn}' went out of scope; the disable was skipped because SkipOutOfScopeDeletions is set.`;
      steps.push(
        step("EntrySynchronizationSkip", "processing", "skipped", text, {
          SkipReason: "SkipOutOfScopeDeletions",
        }),
      );
      return skip("SkipOutOfScopeDeletions", text);
    }
    if (anchor.outOfScope && run.kind === "incremental" && !force) {
      const text = `User '${upn}' is out of scope and already disabled in customappsso.`;
      steps.push(
        step("EntrySynchronizationSkip", "processing", "skipped", text, {
          SkipReason: "NotEffectivelyEntitled",
        }),
      );
      return skip("NotEffectivelyEntitled", text);
    }
  }
  const match = await matchUser(context, user, upn, read, run, exchanges, steps);
  if ("error" in match) return { action: "other", status: match.status, error: match.error, ...none };
  if (match.target === null) {
    if (reason !== null) {
      context.anchors.delete(user.id);
      return skippedOutcome(
        "other",
        "NotEffectivelyEntitled",
        `User '${upn}' is not in scope and does not exist in customappsso.`,
      );
    }
    if (!mapping.actions.create) {
      return skippedOutcome("create", "ImportSkipped", "The Create target object action is off.");
    }
    steps.push(
      step(
        "EntrySynchronizationAdd",
        "matching",
        "success",
        `User '${upn}' will be created in customappsso (User is active and assigned in Azure Active Directory, but no matching User was found in customappsso)`,
      ),
    );
    return createUser(context, user, upn, read, run, exchanges, steps);
  }
  if (!mapping.actions.update) {
    return skippedOutcome(
      "update",
      "ImportSkipped",
      "The Update target object action is off.",
      match.targetId,
    );
  }
  return updateUser(
    context,
    user,
    upn,
    read,
    reason !== null,
    match.target,
    match.targetId,
    run,
    exchanges,
    steps,
  );
}

async function matchUser(
  context: EngineContext,
  user: EntraUser,
  upn: string,
  read: Read,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
): Promise<MatchResult> {
  const anchor = context.anchors.get(user.id);
  const matcher: MatchContext = {
    resource: "Users",
    send: (request) => context.send(exchanges, run, request),
    judge: context.judge,
    steps,
  };
  if (anchor && context.job.quirks.getByIdWhenAnchored) {
    return readAnchored(matcher, anchor.targetId, upn, () => context.anchors.delete(user.id));
  }
  const match = await matchByFilters(
    matcher,
    matchingValues(context, context.job.config.users.mappings, read),
  );
  if ("error" in match) return match;
  if (match.target !== null) {
    // Entra caches the target id and uses it for every later operation (how-provisioning-works.md).
    context.anchors.set(user.id, {
      targetId: match.targetId,
      pending: anchor?.pending ?? false,
      outOfScope: anchor?.outOfScope ?? false,
    });
    return match;
  }
  if (!match.tried) {
    const error = skippedBecause("ImportSkipped", "The user has no value for any matching attribute.");
    steps.push(step("EntryImport", "matching", "skipped", error.reason));
    return { error, status: "skipped" };
  }
  return { target: null, targetId: "" };
}

async function createUser(
  context: EngineContext,
  user: EntraUser,
  upn: string,
  read: Read,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
): Promise<Outcome> {
  const { job } = context;
  const entries = buildTargetEntries(
    context,
    job.config.users.mappings,
    read,
    "create",
    run.userAttributes,
    unlistedTargetAttribute,
  );
  const missing = entries.find((entry) => entry.attribute.required && entry.value === null);
  if (missing) {
    const reason = `${URN.user} '${upn}' will be skipped because the value of the property ${missing.target} is missing or invalid. Please update the value of the property ${missing.target} on the object in the source system.`;
    steps.push(
      step("EntrySynchronizationSkip", "processing", "skipped", reason, {
        PropertyName: missing.target,
        SkipReason: "AttributeValidationFailed",
      }),
    );
    return skippedOutcome("create", "AttributeValidationFailed", reason);
  }
  const { request, skipped: notExported } = buildCreateUser(entries, job.quirks);
  const exchange = await context.send(exchanges, run, request);
  const judged = context.judge(exchange, "resource");
  const exported = entries.filter(
    (entry) => entry.value !== null && entry.attribute.type !== "Reference" && !notExported.includes(entry),
  );
  const modified = exported.map((entry) => ({
    displayName: entry.target,
    oldValue: null,
    newValue: displayValue(entry.value),
  }));
  if (!judged.ok) {
    steps.push(
      step("EntryExportAdd", "export", "failure", `Failed to create User '${upn}' in customappsso`, {
        ReportableIdentifier: upn,
      }),
    );
    return { action: "create", status: "failure", error: judged.error, targetId: "", modified };
  }
  const targetId = typeof judged.body.id === "string" ? judged.body.id : "";
  context.anchors.set(user.id, { targetId, pending: notExported.length > 0, outOfScope: false });
  steps.push(
    step("EntryExportAdd", "export", "success", `User '${upn}' was created in customappsso`, {
      id: targetId,
      ReportableIdentifier: upn,
    }),
  );
  for (const entry of notExported) {
    // Immuta KB wording of the warning for non-URN custom attributes (entra.md §1.3).
    steps.push(
      step(
        "EntryExportAdd",
        "export",
        "warning",
        `A property of an entry was not exported, because exporting the property is not supported for this operation: Add. The entry is ${upn}. The property is ${entry.target}.`,
        { PropertyName: entry.target },
      ),
    );
  }
  await linkManager(context, entries, targetId, run, exchanges, steps);
  return {
    action: "create",
    status: notExported.length > 0 ? "warning" : "success",
    error: null,
    targetId,
    modified,
  };
}

/** Reference resolution: the manager goes in a separate PATCH after the create (entra.md §1.3). */
async function linkManager(
  context: EngineContext,
  entries: TargetEntry[],
  targetId: string,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
): Promise<void> {
  const manager = entries.find((entry) => entry.attribute.type === "Reference" && entry.value !== null);
  if (!manager || !context.job.quirks.managerSeparatePatch) return;
  const managerTarget = resolveReference(context, manager.value);
  if (managerTarget === null) {
    // "If the manager isn't in scope on day one, the reference is not updated until restart" (known-issues.md).
    steps.push(
      step(
        "EntryReferenceResolution",
        "referenceResolution",
        "skipped",
        `The manager ${displayValue(manager.value) ?? ""} is not provisioned yet; the reference is not set.`,
      ),
    );
    return;
  }
  const change: AttributeChange = {
    ...manager,
    attribute: { ...manager.attribute, type: "String" },
    value: managerTarget,
    hadValue: false,
  };
  const request = buildUserPatch(targetId, [change], run.dialect, context.job.quirks);
  if (!request) return;
  const exchange = await context.send(exchanges, run, request);
  const judged = context.judge(exchange, "patch", { knownId: true });
  steps.push(
    step(
      "EntryReferenceResolution",
      "referenceResolution",
      judged.ok ? "success" : "failure",
      judged.ok ? `Manager set to ${managerTarget}` : judged.error.reason,
    ),
  );
}

async function updateUser(
  context: EngineContext,
  user: EntraUser,
  upn: string,
  read: Read,
  softDeleted: boolean,
  target: JsonObject,
  targetId: string,
  run: Run,
  exchanges: ScimExchangeRecord[],
  steps: ProvisioningStep[],
): Promise<Outcome> {
  const quirks = context.job.quirks;
  const entries = buildTargetEntries(
    context,
    context.job.config.users.mappings,
    read,
    "update",
    run.userAttributes,
    unlistedTargetAttribute,
  );
  const changes: AttributeChange[] = [];
  for (const entry of entries) {
    // A disable carries only `active` (assumed, quirks.disableSendsOnlyActive).
    if (softDeleted && quirks.disableSendsOnlyActive && entry.target.toLowerCase() !== "active") continue;
    const current = readTargetValue(target, entry.path);
    if (entry.attribute.type === "Reference") {
      const change = referenceChange(context, entry, current);
      if (change) changes.push(change);
      continue;
    }
    const change = diff(entry, current, quirks.nothingSentOnClear);
    if (change) changes.push(change);
  }
  const anchor = context.anchors.get(user.id);
  const request = buildUserPatch(targetId, changes, run.dialect, quirks);
  const activeChange = changes.find((change) => change.target.toLowerCase() === "active");
  const action: ProvisioningAction = softDeleted && activeChange ? "disable" : "update";
  if (!request) {
    if (anchor) {
      anchor.pending = false;
      anchor.outOfScope = softDeleted;
    }
    const text = `The state of the user in both the source and target systems already match. No change to the User '${upn}' currently needs to be made.`;
    steps.push(
      step("EntrySynchronizationSkip", "processing", "skipped", text, { SkipReason: "RedundantExport" }),
    );
    return {
      action: "other",
      status: "skipped",
      error: skippedBecause("RedundantExport", text),
      targetId,
      modified: [],
    };
  }
  steps.push(
    step(
      "EntrySynchronizationUpdate",
      "processing",
      "success",
      softDeleted
        ? `User '${upn}' will be disabled in customappsso (the user is no longer in scope in Azure Active Directory)`
        : `User '${upn}' will be updated in customappsso`,
    ),
  );
  const exchange = await context.send(exchanges, run, request);
  const judged = context.judge(exchange, "patch", { knownId: true });
  const modified = changes.map((change) => ({
    displayName: change.target,
    oldValue: displayValue(toTargetValue(readTargetValue(target, change.path))),
    newValue: displayValue(change.value),
  }));
  const exportStep = action === "disable" ? "EntryExportUpdateSoftDelete" : "EntryExportUpdate";
  if (!judged.ok) {
    if (judged.error.errorCode === "InvalidAnchor") context.anchors.delete(user.id);
    steps.push(
      step(exportStep, "export", "failure", `Failed to update User '${upn}' in customappsso`, {
        ReportableIdentifier: upn,
      }),
    );
    return { action, status: "failure", error: judged.error, targetId, modified };
  }
  if (anchor) {
    anchor.pending = false;
    anchor.outOfScope = softDeleted;
  }
  steps.push(
    step(
      exportStep,
      "export",
      "success",
      `User '${upn}' was ${action === "disable" ? "disabled" : "updated"} in customappsso`,
      { id: targetId, ReportableIdentifier: upn },
    ),
  );
  return { action, status: "success", error: null, targetId, modified };
}

/** The manager change: its target id as a plain string; a cleared manager sends nothing unless the quirk says remove. */
function referenceChange(
  context: EngineContext,
  entry: TargetEntry,
  current: ReturnType<typeof readTargetValue>,
): AttributeChange | null {
  const currentValue = toTargetValue(current);
  const currentId = Array.isArray(currentValue) ? (currentValue[0] ?? null) : currentValue;
  const plain = { ...entry, attribute: { ...entry.attribute, type: "String" as const } };
  if (entry.value === null) {
    if (currentId === null || !context.job.quirks.managerRemoveOnClear) return null;
    return {
      ...plain,
      target: `${entry.target}[value eq ${quoteFilterValue(currentId)}]`,
      value: null,
      hadValue: true,
    };
  }
  const wanted = resolveReference(context, entry.value);
  // An unresolvable manager (not provisioned) is left for a later cycle (entra.md §1.3).
  if (wanted === null || wanted === currentId) return null;
  return { ...plain, value: wanted, hadValue: currentId !== null };
}

/** A referenced user's target id, or null while it is not provisioned. */
function resolveReference(context: EngineContext, value: TargetValue): string | null {
  if (value === null) return null;
  const source = Array.isArray(value) ? value[0] : value;
  return source === undefined ? null : (context.anchors.get(source)?.targetId ?? null);
}
