import type { JsonObject } from "../../../scim/index.ts";
import { isExpressionError } from "../../expression/expression-error.ts";
import type { ObjectMapping } from "../config/provisioning-config.ts";
import type { Outcome } from "../log/log-record.ts";
import { failedBecause, skippedBecause, skippedOutcome } from "../log/log-steps.ts";
import type { ErrorInformation } from "../log/provisioning-log.ts";
import { displayValue } from "../mapping/attribute-diff.ts";
import { matchingValues } from "../mapping/matching-mappings.ts";
import type { SourceValue } from "../mapping/source-attributes.ts";
import { MultipleValuesError } from "../mapping/target-entries.ts";
import { judgeResponse } from "../scim-client/judge-response.ts";
import type { AttributeChange, ScimRequest, TargetEntry } from "../scim-client/scim-requests.ts";
import type { ObjectResult } from "./engine-run.ts";
import { matchByFilters, readAnchored, type MatchResult } from "./match-target.ts";
import type { ObjectRun } from "./object-run.ts";

/** One source object as the export routine sees it. */
export type Subject = {
  /** How steps name the object: a user's userPrincipalName, a group's displayName. */
  label: string;
  read: (name: string) => SourceValue;
  /** Provision on demand: also redo what a cycle leaves alone. */
  force: boolean;
};

/** The target object a source object matched. */
export type Found = { target: JsonObject; targetId: string };

/** A create that is ready to send. */
export type CreatePlan = {
  request: ScimRequest;
  modified: Outcome["modified"];
  /** Attributes the create leaves out: the object stays pending and its outcome is a warning. */
  notExported: readonly TargetEntry[];
};

/** An update that is ready to send (`request` null: nothing differs). */
export type UpdatePlan = {
  changes: readonly AttributeChange[];
  request: ScimRequest | null;
  action: "update" | "disable";
  /** The object left scope: the steps announce a disable. */
  disabling: boolean;
};

/** What differs between users and groups in the one export routine. */
export type ExportStrategy<S extends Subject, P extends CreatePlan> = {
  resource: "Users" | "Groups";
  objectMapping: (run: ObjectRun) => ObjectMapping;
  /** The import and scoping steps. */
  announce: (run: ObjectRun, subject: S) => void;
  /** Before matching: an outcome, null when the object is not logged at all, or "match" to go on. */
  screen: (run: ObjectRun, subject: S) => Outcome | null | "match" | Promise<Outcome>;
  /** Why an object with no value for any matching attribute is skipped; null: it is created. */
  noMatchingValue: string | null;
  /** Caches the target id once the object is matched (`created` null) or created. */
  link: (run: ObjectRun, targetId: string, created: P | null) => void;
  /** Builds the create of an unmatched object, or the outcome that stops it (an action off, a skip). */
  planCreate: (run: ObjectRun, subject: S) => P | Outcome;
  /** What follows a successful create in the same run (warnings, the manager reference). */
  afterCreate: (run: ObjectRun, plan: P, targetId: string) => Promise<void>;
  /** Computes the update of a matched object, or the outcome that stops it. */
  planUpdate: (run: ObjectRun, subject: S, match: Found) => UpdatePlan | Outcome;
  /** The target's old value of a change, as modifiedProperties shows it. */
  oldValue: (target: JsonObject, change: AttributeChange) => string | null;
  /** Details the update's export step carries besides the target id. */
  updateDetails: (subject: S) => Record<string, string>;
  /** After an update was sent or found unneeded. */
  settle: (run: ObjectRun, subject: S) => void;
};

/**
 * Exports one user or group: import and scoping steps, the strategy's screen, matching, then a create
 * or an update; the outcome updates the escrow and becomes the log record. A mapping that fails for
 * this object's values (an expression error, several values for a single-valued target) fails the
 * object (logged, escrowed, retried) instead of the whole run, as one bad value does in Entra.
 */
export async function exportObject<S extends Subject, P extends CreatePlan>(
  strategy: ExportStrategy<S, P>,
  run: ObjectRun,
  subject: S,
): Promise<ObjectResult | null> {
  strategy.announce(run, subject);
  let outcome: Outcome | null;
  try {
    outcome = await provision(strategy, run, subject);
  } catch (error) {
    const failure = mappingFailure(error);
    if (!failure) throw error;
    run.step("error", "failure", failure.reason);
    outcome = { action: "other", status: "failure", error: failure, targetId: "", modified: [] };
  }
  return outcome === null ? null : run.finish(outcome);
}

async function provision<S extends Subject, P extends CreatePlan>(
  strategy: ExportStrategy<S, P>,
  run: ObjectRun,
  subject: S,
): Promise<Outcome | null> {
  const linkedTo = run.link?.targetId ?? "";
  const screened = await strategy.screen(run, subject);
  if (screened !== "match") return screened;
  const match = await matchTarget(strategy, run, subject);
  if ("error" in match) {
    return { action: "other", status: match.status, error: match.error, targetId: linkedTo, modified: [] };
  }
  const { target, targetId } = match;
  return target === null
    ? createObject(strategy, run, subject)
    : updateObject(strategy, run, subject, { target, targetId });
}

async function matchTarget<S extends Subject, P extends CreatePlan>(
  strategy: ExportStrategy<S, P>,
  run: ObjectRun,
  subject: S,
): Promise<MatchResult> {
  const link = run.link;
  if (link && run.job.quirks.getByIdWhenAnchored) {
    return readAnchored(run, strategy.resource, link.targetId, subject.label);
  }
  const values = matchingValues(run.state.mapping, strategy.objectMapping(run).mappings, subject.read);
  const match = await matchByFilters(run, strategy.resource, values);
  if ("error" in match) return match;
  if (match.target !== null) {
    // Entra caches the target id and uses it for every later operation
    // (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
    strategy.link(run, match.targetId, null);
    return match;
  }
  if (!match.tried && strategy.noMatchingValue !== null) {
    const error = skippedBecause("ImportSkipped", strategy.noMatchingValue);
    run.step("match", "skipped", error.reason);
    return { error, status: "skipped" };
  }
  return { target: null, targetId: "" };
}

async function createObject<S extends Subject, P extends CreatePlan>(
  strategy: ExportStrategy<S, P>,
  run: ObjectRun,
  subject: S,
): Promise<Outcome> {
  const plan = strategy.planCreate(run, subject);
  if (isOutcome(plan)) return plan;
  const { type } = run.identity;
  const { label } = subject;
  const { modified } = plan;
  const judged = judgeResponse(await run.send(plan.request), "resource");
  if (!judged.ok) {
    run.step("exportAdd", "failure", `Failed to create ${type} '${label}' in customappsso`, {
      ReportableIdentifier: label,
    });
    return { action: "create", status: "failure", error: judged.error, targetId: "", modified };
  }
  const targetId = typeof judged.body.id === "string" ? judged.body.id : "";
  strategy.link(run, targetId, plan);
  run.step("exportAdd", "success", `${type} '${label}' was created in customappsso`, {
    id: targetId,
    ReportableIdentifier: label,
  });
  await strategy.afterCreate(run, plan, targetId);
  const status = plan.notExported.length > 0 ? "warning" : "success";
  return { action: "create", status, error: null, targetId, modified };
}

async function updateObject<S extends Subject, P extends CreatePlan>(
  strategy: ExportStrategy<S, P>,
  run: ObjectRun,
  subject: S,
  match: Found,
): Promise<Outcome> {
  const plan = strategy.planUpdate(run, subject, match);
  if (isOutcome(plan)) return plan;
  const { type } = run.identity;
  const { label } = subject;
  const { target, targetId } = match;
  if (!plan.request) {
    strategy.settle(run, subject);
    const text = `The state of the ${type.toLowerCase()} in both the source and target systems already match. No change to the ${type} '${label}' currently needs to be made.`;
    run.step("skip", "skipped", text, { SkipReason: "RedundantExport" });
    return skippedOutcome("other", "RedundantExport", text, targetId);
  }
  run.step(
    "update",
    "success",
    plan.disabling
      ? `${type} '${label}' will be disabled in customappsso (the ${type.toLowerCase()} is no longer in scope in Azure Active Directory)`
      : `${type} '${label}' will be updated in customappsso`,
  );
  const judged = await run.sendLinked(plan.request, "patch");
  const modified = plan.changes.map((change) => ({
    displayName: change.target,
    oldValue: strategy.oldValue(target, change),
    newValue: displayValue(change.value),
  }));
  const { action } = plan;
  const exportStep = action === "disable" ? "exportSoftDelete" : "exportUpdate";
  const details = strategy.updateDetails(subject);
  if (!judged.ok) {
    run.step(exportStep, "failure", `Failed to update ${type} '${label}' in customappsso`, details);
    return { action, status: "failure", error: judged.error, targetId, modified };
  }
  strategy.settle(run, subject);
  const done = action === "disable" ? "disabled" : "updated";
  run.step(exportStep, "success", `${type} '${label}' was ${done} in customappsso`, {
    id: targetId,
    ...details,
  });
  return { action, status: "success", error: null, targetId, modified };
}

function isOutcome(value: object): value is Outcome {
  return "status" in value;
}

function mappingFailure(error: unknown): ErrorInformation | null {
  if (isExpressionError(error)) {
    return failedBecause(
      "ExpressionEvaluationFailed",
      `An attribute mapping expression could not be evaluated: ${error.message}`,
    );
  }
  if (error instanceof MultipleValuesError)
    return failedBecause("SchemaPropertyCanOnlyAcceptValue", error.message);
  return null;
}
