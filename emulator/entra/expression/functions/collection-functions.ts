import type { ExpressionValue } from "../evaluation-context.ts";
import type { FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { formatBoolean, toInteger, toText } from "../value-coercion.ts";

/** Every value of a single- or multi-valued value, as strings; absent → none. */
function valuesOf(value: ExpressionValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "boolean") return [formatBoolean(value)];
  return [String(value)];
}

/** Functions over multi-valued attributes, from the Learn reference. */
export const COLLECTION_FUNCTIONS = {
  // "returns the number of elements in a multi-valued attribute" (Learn, Count); assumed: a
  // single value counts 1 and an absent one 0.
  Count: (call) => valuesOf(call.arg(0)).length,
  // Learn, Item: 1-based; "Index 0 shouldn't be used" (fails here). Assumed: past the end → null.
  Item: (call) => {
    const values = valuesOf(call.arg(0));
    const index = toInteger(call.arg(1), call, "index");
    if (index < 1) return call.fail(`Item: index must be 1 or more, got ${index}`);
    return values[index - 1] ?? null;
  },
  // Learn, Join: multi-valued sources contribute every value. The Learn example
  // Join(", ", "", [surname], [givenName]) = "Doe, John" shows empty values are skipped; null
  // ones are too. Assumed: nothing left to join → null.
  Join: (call) => {
    const separator = toText(call.arg(0), call) ?? "";
    const parts: string[] = [];
    for (let index = 1; index < call.count; index += 1) {
      parts.push(...valuesOf(call.arg(index)).filter((value) => value !== ""));
    }
    return parts.length === 0 ? null : parts.join(separator);
  },
  // "make sure each value is unique" (Learn, RemoveDuplicates); assumed case-sensitive, first kept.
  RemoveDuplicates: (call) => {
    const value = call.arg(0);
    return value === null ? null : [...new Set(valuesOf(value))];
  },
  // Learn, Split: "PermissionSetOne, PermissionSetTwo" split on "," gives
  // ["PermissionSetOne", "PermissionSetTwo"], so values are trimmed. Assumed: empty values are
  // dropped and a missing delimiter means ",".
  Split: (call) => {
    const source = toText(call.arg(0), call);
    if (source === null) return null;
    const delimiter = call.has(1) ? (toText(call.arg(1), call) ?? ",") : ",";
    if (delimiter === "") return call.fail("Split: delimiter must not be empty");
    return source
      .split(delimiter)
      .map((value) => value.trim())
      .filter((value) => value !== "");
  },
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
