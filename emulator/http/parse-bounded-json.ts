import { EdgeError } from "./edge-error.ts";
import { truncateText } from "./quote-prefix.ts";

/**
 * Parses JSON text whose arrays and objects nest at most `maxDepth` levels (a scalar is depth 0).
 * The depth is measured on the text first, in one pass that never recurses, so deep input is
 * refused before anything (a parser, a redaction, an error message) walks it recursively.
 *
 * @throws EdgeError 400 InvalidJson or JsonTooDeep.
 */
export function parseBoundedJson(text: string, maxDepth: number): unknown {
  const depth = jsonTextDepth(text);
  if (depth > maxDepth) {
    throw new EdgeError(400, "JsonTooDeep", `request body nests deeper than ${maxDepth} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EdgeError(
      400,
      "InvalidJson",
      `request body is not valid JSON: ${truncateText((error as Error).message, 120)}`,
    );
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** The deepest nesting of `[` and `{` outside string literals (malformed text is left to the parser). */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      for (index += 1; index < text.length; index += 1) {
        const inner = text.charCodeAt(index);
        if (inner === BACKSLASH) index += 1;
        else if (inner === QUOTE) break;
      }
    } else if (OPENERS.has(char)) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (CLOSERS.has(char)) depth -= 1;
  }
  return deepest;
}
