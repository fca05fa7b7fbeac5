import { jsonTextDepth } from "../../http/index.ts";
import { setOwn } from "../../scim/index.ts";

const REDACTED = "<redacted>";

/** A name (a key, or the last segment of a PATCH path or attribute URN) that holds a secret. */
const SECRET_NAME =
  /^(?:.*password.*|.*secret.*|passwd|pwd|api_?key|(?:access|refresh|bearer|secret|id)?_?token)$/i;

/** Bodies deeper than this are not parsed for redaction; they are refused anyway (the JSON depth limit). */
const MAX_INSPECTED_DEPTH = 256;

/** Cheap pre-test: a body without any of these words has nothing to redact. */
const MENTIONS_SECRET = /password|passwd|pwd|secret|api_?key|token/i;

const QUOTED_SECRET_MEMBER =
  /("(?:[^"\\]|\\.)*(?:password|passwd|secret|api_?key|token)(?:[^"\\]|\\.)*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * True for a key or path that names a secret: `password` in any case, also as the last segment of a
 * URN (`urn:ietf:params:scim:schemas:core:2.0:User:password`, RFC 7643 §4.1.1 makes it writeOnly)
 * or a dotted path, and the other usual secret names.
 */
export function isSecretName(name: string): boolean {
  const last = name.split(/[:.]/).at(-1) ?? name;
  return SECRET_NAME.test(last.replace(/\[.*$/, ""));
}

/**
 * A body with every secret replaced by `<redacted>`: members whose key names a secret, and the
 * `value` of a PATCH operation whose `path` names one, at any depth, walked without recursion.
 * Text that is not JSON gets its quoted secret members replaced; JSON nested too deep to inspect
 * is replaced whole when it mentions a secret. Never throws.
 */
export function redactBody(text: string): string {
  if (!MENTIONS_SECRET.test(text)) return text;
  if (jsonTextDepth(text) > MAX_INSPECTED_DEPTH) {
    return `<redacted: ${text.length} characters nested too deep to inspect for secrets>`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.replace(QUOTED_SECRET_MEMBER, `$1"${REDACTED}"`);
  }
  redactInPlace(parsed);
  return JSON.stringify(parsed);
}

/** Replaces secrets in a freshly parsed value, depth first with an explicit stack. */
function redactInPlace(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      // One push per item: spreading a huge array into push() overflows the argument limit.
      for (const item of current as unknown[]) stack.push(item);
      continue;
    }
    const record = current as Record<string, unknown>;
    const keys = Object.keys(record);
    const pathKey = keys.find((key) => key.toLowerCase() === "path");
    const path = pathKey === undefined ? undefined : record[pathKey];
    const secretOperation = typeof path === "string" && isSecretName(path);
    for (const key of keys) {
      if (isSecretName(key) || (secretOperation && key.toLowerCase() === "value")) {
        setOwn(record, key, REDACTED);
      } else stack.push(record[key]);
    }
  }
}
