export { URN, SCIM_CONTENT_TYPE, isCoreSchema } from "./urns.ts";
export {
  isJsonObject,
  exceedsJsonDepth,
  setOwn,
  findKey,
  getMember,
  getOwn,
  isJsonEqual,
  canonicalJson,
  type JsonValue,
  type JsonObject,
} from "./json.ts";
export { ScimError, type ScimType } from "./scim-error.ts";
export {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  WRITABLE_USER_ATTRIBUTES,
} from "./schema/core-schemas.ts";
export {
  type SchemaDefinition,
  type AttributeDefinition,
  type AttributeType,
} from "./schema/attribute-definition.ts";
export { COMPARE_OPS, type AttrPath, type CompareValue, type Filter } from "./filter/filter-ast.ts";
export { matchesFilter } from "./filter/match-filter.ts";
export { parseFilter } from "./filter/parse-filter.ts";
export { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from "./filter/filter-reader.ts";
export { applyPatch } from "./patch/apply-patch.ts";
export { normalizeValue } from "./patch/normalize-value.ts";
export { isSchemaUrn } from "./patch/patch-target.ts";
export { MAX_PATCH_OPERATIONS, parsePatchRequest } from "./patch/parse-patch-request.ts";
export { type PatchOperation } from "./patch/patch-operation.ts";
