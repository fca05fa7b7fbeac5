export { URN, SCIM_CONTENT_TYPE, isCoreSchema } from "./urns.ts";
export {
  isJsonObject,
  exceedsJsonDepth,
  setOwn,
  findKey,
  getMember,
  getOwn,
  isJsonEqual,
  type JsonValue,
  type JsonObject,
} from "./json.ts";
export { ScimError } from "./scim-error.ts";
export { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./schema/core-schemas.ts";
export {
  type SchemaDefinition,
  type AttributeDefinition,
  type AttributeType,
} from "./schema/attribute-definition.ts";
export { COMPARE_OPS, type AttrPath, type CompareValue, type Filter } from "./filter/filter-ast.ts";
export { matchesFilter } from "./filter/match-filter.ts";
export { parseFilter } from "./filter/parse-filter.ts";
export { applyPatch } from "./patch/apply-patch.ts";
export { parsePatchRequest } from "./patch/parse-patch-request.ts";
export { type PatchOperation } from "./patch/patch-operation.ts";
