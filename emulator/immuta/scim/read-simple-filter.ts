import type { Filter } from "../../scim/index.ts";

/**
 * `<name> eq "<text>"` with a plain attribute name (RFC 7643 §2.1 ATTRNAME), single spaces and a
 * string without escapes or control characters: the filter Entra sends to match each user
 * ("Get User by query" in
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
const SIMPLE_EQUALITY = /^([A-Za-z][A-Za-z0-9_-]*) [eE][qQ] "([^"\\]*)"$/;

/** JSON strings hold no raw control characters (RFC 8259 §7). */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) < 0x20) return true;
  return false;
}

/**
 * The parsed filter for the one shape most list requests carry, or undefined for any other text,
 * which the caller then parses in full. Gives exactly what parseFilter gives for that text (a
 * property test holds the two together); limits are the caller's to check first.
 */
export function readSimpleFilter(text: string): Filter | undefined {
  const match = SIMPLE_EQUALITY.exec(text);
  if (match === null) return undefined;
  const [, name = "", value = ""] = match;
  if (hasControlCharacter(value)) return undefined;
  return { kind: "compare", path: { uri: null, name, subAttr: null }, op: "eq", value };
}
