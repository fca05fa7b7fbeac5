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
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** The deepest nesting of `[` and `{` outside string literals (malformed text is left to the parser). */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      index = closingQuote(text, index);
    } else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) depth -= 1;
  }
  return deepest;
}

/**
 * The index of the quote that ends the string opened at `open` (the text's length when none
 * does): the next quote not preceded by an odd run of backslashes. indexOf skips a string's
 * characters natively instead of one comparison each.
 */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}
