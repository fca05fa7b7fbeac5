import { ScimError } from "../scim-error.ts";
import type { Filter } from "./filter-ast.ts";
import { FilterReader, MAX_FILTER_LENGTH } from "./filter-reader.ts";

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2): precedence `not` > `and` > `or`, parentheses,
 * case-insensitive operators and literals, JSON string literals. Attribute names keep their text.
 * Throws `ScimError(400, "Expected ... at position N ...", "invalidFilter")`; positions are
 * 0-based offsets into the text.
 */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new ScimError(400, `Filter is longer than ${MAX_FILTER_LENGTH} characters`, "invalidFilter");
  }
  const reader = new FilterReader(text, "invalidFilter");
  const filter = reader.readFilter();
  reader.skipSpaces();
  if (!reader.atEnd()) reader.fail('"and", "or" or the end of the filter');
  return filter;
}
