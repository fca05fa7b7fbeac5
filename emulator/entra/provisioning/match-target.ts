import { isJsonObject, type JsonObject } from "../../scim/json.ts";
import { isEmpty, type MappedValue } from "./evaluate-mappings.ts";
import type { Expectation, Judgement } from "./judge-response.ts";
import { failedBecause, step } from "./log-steps.ts";
import type { ErrorInformation, ProvisioningStatus, ProvisioningStep } from "./provisioning-log.ts";
import { buildFilterQuery, buildGetById, quoteFilterValue, type ScimRequest } from "./scim-requests.ts";
import type { ScimExchangeRecord } from "./scim-transport.ts";

/** The target object found for a source object, none, or why matching stopped. */
export type MatchResult =
  { target: JsonObject | null; targetId: string } | { error: ErrorInformation; status: ProvisioningStatus };

/** How a matcher reaches the target: send one request, judge one response, log steps. */
export type MatchContext = {
  resource: "Users" | "Groups";
  send: (request: ScimRequest) => Promise<ScimExchangeRecord>;
  judge: (
    exchange: ScimExchangeRecord,
    expectation: Expectation,
    options?: { knownId?: boolean },
  ) => Judgement;
  steps: ProvisioningStep[];
};

/**
 * Reads an object Entra already holds the target id of (GET /{resource}/{id}). A 404 is
 * InvalidAnchor: `forget` drops the link so a later cycle matches or creates again.
 */
export async function readAnchored(
  context: MatchContext,
  targetId: string,
  label: string,
  forget: () => void,
): Promise<MatchResult> {
  const exchange = await context.send(buildGetById(context.resource, targetId));
  const judged = context.judge(exchange, "resource", { knownId: true });
  if (!judged.ok) {
    if (judged.error.errorCode === "InvalidAnchor") forget();
    context.steps.push(step("EntryImport", "matching", "failure", judged.error.reason));
    return { error: judged.error, status: "failure" };
  }
  context.steps.push(
    step("EntryImport", "matching", "success", `Retrieved '${label}' from customappsso`, { id: targetId }),
  );
  return { target: judged.body, targetId };
}

/**
 * Matching: one filter query per matching attribute in precedence order; the first hit wins
 * (customize-application-attributes.md). More than one hit is DuplicateTargetEntries. `tried` is
 * false when no matching attribute had a value.
 */
export async function matchByFilters(
  context: MatchContext,
  values: readonly MappedValue[],
): Promise<MatchResult & { tried?: boolean }> {
  const kind = context.resource === "Users" ? "User" : "Group";
  let tried = false;
  for (const { mapping, value, skip } of values) {
    if (skip || isEmpty(value)) continue;
    tried = true;
    const text = (Array.isArray(value) ? value[0] : value) ?? "";
    const exchange = await context.send(buildFilterQuery(context.resource, mapping.target, text));
    const judged = context.judge(exchange, context.resource === "Users" ? "list" : "groupList");
    if (!judged.ok) return fail(context, judged.error);
    const resources = Array.isArray(judged.body.Resources) ? judged.body.Resources : [];
    if (resources.length > 1) {
      return fail(
        context,
        failedBecause(
          "DuplicateTargetEntries",
          `More than one ${kind} in customappsso matched ${mapping.target} eq ${quoteFilterValue(text)}.`,
        ),
      );
    }
    const [found] = resources;
    if (found === undefined) continue;
    if (!isJsonObject(found)) {
      return fail(
        context,
        failedBecause(
          "SystemForCrossDomainIdentityManagementServiceIncompatible",
          `The matched ${kind.toLowerCase()} is not a JSON object.`,
        ),
      );
    }
    const id = typeof found.id === "string" ? found.id : "";
    if (id === "") {
      return fail(
        context,
        failedBecause(
          "SystemForCrossDomainIdentityManagementServiceIncompatible",
          `The matched ${kind.toLowerCase()} has no id.`,
        ),
      );
    }
    context.steps.push(
      step("EntryImport", "matching", "success", `Retrieved '${text}' from customappsso`, { id }),
    );
    return { target: found, targetId: id, tried };
  }
  return { target: null, targetId: "", tried };
}

function fail(context: MatchContext, error: ErrorInformation): MatchResult {
  context.steps.push(step("EntryImport", "matching", "failure", error.reason));
  return { error, status: "failure" };
}
