import { ScimError } from "../scim-error.ts";
import type { AttrPath, Filter } from "../filter/filter-ast.ts";
import { FilterReader, MAX_FILTER_LENGTH } from "../filter/filter-reader.ts";

/**
 * A PATCH target (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`).
 * Without a filter the sub-attribute, if any, is `attr.subAttr` (`name.givenName`); with a filter
 * it is `subAttr` (`emails[type eq "work"].value`) and `attr.subAttr` is null.
 */
export type PatchPath = { attr: AttrPath; filter: Filter | null; subAttr: string | null };

/**
 * Parses a PATCH `path`: `name`, `name.sub`, `urn:...:2.0:User:name[.sub]`,
 * `emails[type eq "work"]`, `emails[type eq "work"].value`. Throws `ScimError(400, ..., "invalidPath")`.
 */
export function parsePath(text: string): PatchPath {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new ScimError(400, `Path is longer than ${MAX_FILTER_LENGTH} characters`, "invalidPath");
  }
  const reader = new FilterReader(text, "invalidPath");
  const attr = reader.readAttrPath();
  if (reader.peek() !== "[") {
    if (!reader.atEnd()) reader.fail('"[" or the end of the path');
    return { attr, filter: null, subAttr: null };
  }
  if (attr.subAttr !== null) {
    reader.fail("a multi-valued attribute before the value filter, not a sub-attribute", reader.pos);
  }
  reader.pos++;
  const filter = reader.readValueFilter();
  reader.skipSpaces();
  reader.expectChar("]");
  let subAttr: string | null = null;
  if (reader.peek() === ".") {
    reader.pos++;
    subAttr = reader.readName();
  }
  if (!reader.atEnd()) reader.fail('"." and a sub-attribute, or the end of the path');
  return { attr, filter, subAttr };
}
