/** How many characters of an input an error message quotes. */
export const QUOTE_LIMIT = 64;

/**
 * A JSON-quoted short prefix of an input for an error message, never the whole input: a 10 MB value
 * must not come back in a 10 MB message. Non-strings are described by their type, not serialised
 * (serialising a deeply nested value recurses).
 */
export function quotePrefix(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === "string") {
    const cut = value.length > limit;
    return `${JSON.stringify(cut ? value.slice(0, limit) : value)}${cut ? `… (${value.length} characters)` : ""}`;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}

/**
 * Longest message an error body of either fake carries (SCIM `detail`, Graph `error.message`,
 * Immuta's `message`): messages quote a short prefix of the input, never all of it.
 */
export const MAX_ERROR_MESSAGE = 512;

/** Text cut to at most `limit` characters, with a marker when cut. */
export function truncateText(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text;
}
