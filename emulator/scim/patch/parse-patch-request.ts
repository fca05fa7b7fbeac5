import { exceedsJsonDepth, findKey, getOwn, isJsonObject, type JsonObject, type JsonValue } from "../json.ts";
import { parsePath, type PatchPath } from "../path/parse-path.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import type { PatchOp, PatchOperation } from "./patch-operation.ts";
import { PATCH_OPS } from "./patch-operation.ts";

/** Most operations accepted in one PATCH request. */
export const MAX_PATCH_OPERATIONS = 1_000;

/** Deepest nesting of arrays and objects accepted in an operation's value. */
export const MAX_PATCH_VALUE_DEPTH = 10;

/**
 * Reads a PATCH request body (RFC 7644 §3.5.2) into typed operations. Accepts Entra's shapes too:
 * `op` in any case (`Add`/`Replace`/`Remove`,
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups), member
 * names matched case-insensitively (RFC 7643 §2.1), a `remove` that carries a value (legacy member removal).
 * Throws ScimError 400: `invalidSyntax` for a malformed body, missing PatchOp schema, empty or
 * oversized `Operations` or an unknown op; `invalidPath` for a bad path; `noTarget` for a remove
 * without path; `invalidValue` for an add/replace without value or a value nested too deep.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw syntax("A PATCH request body must be a JSON object");
  const schemas = member(body, "schemas");
  const listsPatchOp =
    Array.isArray(schemas) &&
    schemas.some(
      (schema) => typeof schema === "string" && schema.toLowerCase() === URN.patchOp.toLowerCase(),
    );
  if (!listsPatchOp) {
    throw syntax(`A PATCH request must list "${URN.patchOp}" in "schemas" (RFC 7644 §3.5.2)`);
  }
  const operations = member(body, "Operations");
  if (!Array.isArray(operations)) {
    throw syntax('A PATCH request needs an "Operations" array (RFC 7644 §3.5.2)');
  }
  if (operations.length === 0) throw syntax('"Operations" must hold at least one operation');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw syntax(
      `"Operations" holds ${operations.length} operations; at most ${MAX_PATCH_OPERATIONS} are accepted`,
    );
  }
  return operations.map((operation, index) => parseOperation(operation, `Operations[${index}]`));
}

function parseOperation(raw: JsonValue, label: string): PatchOperation {
  if (!isJsonObject(raw)) throw syntax(`${label} must be an object`);
  const op = parseOp(member(raw, "op"), label);
  const path = parseOptionalPath(member(raw, "path"), label);
  const value = member(raw, "value");
  if (value !== undefined && exceedsJsonDepth(value, MAX_PATCH_VALUE_DEPTH)) {
    throw new ScimError(
      400,
      `${label}: "value" nests deeper than ${MAX_PATCH_VALUE_DEPTH} levels`,
      "invalidValue",
    );
  }
  if (op === "remove") {
    // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails ... noTarget".
    if (path === null) throw new ScimError(400, `${label}: "remove" needs a "path"`, "noTarget");
    return { op, path, value };
  }
  if (value === undefined) throw new ScimError(400, `${label}: "${op}" needs a "value"`, "invalidValue");
  return { op, path, value };
}

function parseOp(raw: JsonValue | undefined, label: string): PatchOp {
  const op =
    typeof raw === "string" ? PATCH_OPS.find((candidate) => candidate === raw.toLowerCase()) : undefined;
  if (op === undefined) {
    const got = JSON.stringify(raw ?? null);
    throw syntax(`${label}: "op" must be "add", "replace" or "remove" (any case), got ${got}`);
  }
  return op;
}

function parseOptionalPath(raw: JsonValue | undefined, label: string): PatchPath | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw new ScimError(400, `${label}: "path" must be a string`, "invalidPath");
  try {
    return parsePath(raw);
  } catch (error) {
    if (error instanceof ScimError) throw new ScimError(400, `${label}: ${error.message}`, "invalidPath");
    throw error;
  }
}

function member(source: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(source, name);
  return key === undefined ? undefined : getOwn(source, key);
}

function syntax(detail: string): ScimError {
  return new ScimError(400, detail, "invalidSyntax");
}
