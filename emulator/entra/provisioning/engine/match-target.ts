import { isJsonObject, type JsonObject } from "../../../scim/index.ts";
import { failedBecause } from "../log/log-steps.ts";
import type { ErrorInformation, ProvisioningStatus } from "../log/provisioning-log.ts";
import { isEmpty, type MappedValue } from "../mapping/evaluate-mappings.ts";
import { judgeResponse } from "../scim-client/judge-response.ts";
import { buildFilterQuery, buildGetById, quoteFilterValue } from "../scim-client/scim-requests.ts";
import type { ObjectRun } from "./object-run.ts";

/** The target object found for a source object, or none. */
export type Matched = { target: JsonObject | null; targetId: string };

/** The target object found for a source object, none, or why matching stopped. */
export type MatchResult = Matched | { error: ErrorInformation; status: ProvisioningStatus };

/**
 * Reads an object Entra already holds the target id of (GET /{resource}/{id}); groups are read
 * without members ("Get Group",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 * A 404 is InvalidAnchor, which the run handles.
 */
export async function readAnchored(
  run: ObjectRun,
  resource: "Users" | "Groups",
  targetId: string,
  label: string,
): Promise<MatchResult> {
  const judged = await run.sendLinked(buildGetById(resource, targetId), "resource");
  if (!judged.ok) {
    run.step("match", "failure", judged.error.reason);
    return { error: judged.error, status: "failure" };
  }
  run.step("match", "success", `Retrieved '${label}' from customappsso`, { id: targetId });
  return { target: judged.body, targetId };
}

/**
 * Matching: one filter query per matching attribute in precedence order; the first hit wins
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 * More than one hit is DuplicateTargetEntries. `tried` is false when no matching attribute had a value.
 */
export async function matchByFilters(
  run: ObjectRun,
  resource: "Users" | "Groups",
  values: readonly MappedValue[],
): Promise<MatchResult & { tried?: boolean }> {
  const kind = resource === "Users" ? "User" : "Group";
  let tried = false;
  for (const { mapping, value, skip } of values) {
    if (skip || isEmpty(value)) continue;
    tried = true;
    const text = (Array.isArray(value) ? value[0] : value) ?? "";
    const exchange = await run.send(buildFilterQuery(resource, mapping.target, text));
    const judged = judgeResponse(exchange, resource === "Users" ? "list" : "groupList");
    if (!judged.ok) return fail(run, judged.error);
    const resources = Array.isArray(judged.body.Resources) ? judged.body.Resources : [];
    if (resources.length > 1) {
      return fail(
        run,
        failedBecause(
          "DuplicateTargetEntries",
          `More than one ${kind} in customappsso matched ${mapping.target} eq ${quoteFilterValue(text)}.`,
        ),
      );
    }
    const [found] = resources;
    if (found === undefined) continue;
    const id = isJsonObject(found) && typeof found.id === "string" ? found.id : "";
    if (!isJsonObject(found) || id === "") {
      const problem = isJsonObject(found) ? "has no id" : "is not a JSON object";
      return fail(
        run,
        failedBecause(
          "SystemForCrossDomainIdentityManagementServiceIncompatible",
          `The matched ${kind.toLowerCase()} ${problem}.`,
        ),
      );
    }
    run.step("match", "success", `Retrieved '${text}' from customappsso`, { id });
    return { target: found, targetId: id, tried };
  }
  return { target: null, targetId: "", tried };
}

function fail(run: ObjectRun, error: ErrorInformation): MatchResult {
  run.step("match", "failure", error.reason);
  return { error, status: "failure" };
}
