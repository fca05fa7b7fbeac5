import { isJsonObject, type JsonObject, type JsonValue } from "../scim/json.ts";
import { applyPatch } from "../scim/patch/apply-patch.ts";
import { parsePatchRequest } from "../scim/patch/parse-patch-request.ts";
import type { PatchOperation } from "../scim/patch/patch-operation.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../scim/schema/core-schemas.ts";
import { ScimError } from "../scim/scim-error.ts";
import { URN } from "../scim/urns.ts";
import type { Assumptions } from "./assumptions.ts";

/** Applies a PATCH body to a stored user under the IAM's assumptions (legacy dialect, multi-value add). */
export function patchUserResource(
  resource: JsonObject,
  body: JsonValue,
  assumptions: Assumptions,
): JsonObject {
  const operations = adjust(parse(body, assumptions), assumptions);
  return applyPatch(resource, operations, {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    resourceSchemaUrn: URN.user,
    legacyMemberRemove: assumptions.acceptLegacyPatch,
    stringBooleans: assumptions.acceptLegacyPatch,
  });
}

/** Applies a PATCH body to a rendered group (members included). */
export function patchGroupResource(
  resource: JsonObject,
  body: JsonValue,
  assumptions: Assumptions,
): JsonObject {
  return applyPatch(resource, parse(body, assumptions), {
    schemas: [GROUP_SCHEMA],
    resourceSchemaUrn: URN.group,
    legacyMemberRemove: assumptions.acceptLegacyPatch,
    stringBooleans: assumptions.acceptLegacyPatch,
  });
}

function parse(body: JsonValue, assumptions: Assumptions): PatchOperation[] {
  if (!assumptions.acceptLegacyPatch) rejectLegacyDialect(body);
  return parsePatchRequest(body);
}

/** With `acceptLegacyPatch` off the server is strictly RFC 7644: Entra's legacy shapes are 400s. */
function rejectLegacyDialect(body: JsonValue): void {
  if (!isJsonObject(body) || !Array.isArray(body.Operations)) return;
  for (const operation of body.Operations) {
    if (!isJsonObject(operation)) continue;
    if (typeof operation.op === "string" && operation.op !== operation.op.toLowerCase()) {
      throw new ScimError(
        400,
        `op '${operation.op}' is not one of add, remove, replace (RFC 7644 §3.5.2)`,
        "invalidSyntax",
      );
    }
    if (
      typeof operation.path === "string" &&
      /^active$/i.test(operation.path) &&
      typeof operation.value === "string"
    ) {
      throw new ScimError(
        400,
        `active must be a boolean, not the string "${operation.value}"`,
        "invalidValue",
      );
    }
  }
}

/** `multiValueAdd: replace`: an add of an array to an extension attribute replaces its values. */
function adjust(operations: PatchOperation[], assumptions: Assumptions): PatchOperation[] {
  if (assumptions.multiValueAdd !== "replace") return operations;
  return operations.map((operation) =>
    operation.op === "add" && operation.path?.attr.uri && Array.isArray(operation.value)
      ? { ...operation, op: "replace" as const }
      : operation,
  );
}
