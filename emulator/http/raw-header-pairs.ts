/**
 * The `[name, value]` pairs a fetch `Headers` built from Node's `rawHeaders` iterates, computed
 * from the raw list directly: names lower-cased, values with leading and trailing HTTP whitespace
 * removed, values of one name combined with ", " ("; " for `cookie`) and `set-cookie` values kept
 * apart, sorted by name ("sort and combine", https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine).
 * HTTP/2 pseudo-headers (`:method`) are skipped, as @hono/node-server skips them. This spares a
 * request the Headers object its adapter builds only when the headers are iterated.
 */
export function rawHeaderPairs(rawHeaders: readonly string[]): [string, string][] {
  const combined = new Map<string, string>();
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const raw = rawHeaders[index] ?? "";
    if (raw.startsWith(":")) continue;
    const name = raw.toLowerCase();
    const value = trimHttpWhitespace(rawHeaders[index + 1] ?? "");
    if (name === "set-cookie") cookies.push(value);
    const previous = combined.get(name);
    combined.set(
      name,
      previous === undefined ? value : `${previous}${name === "cookie" ? "; " : ", "}${value}`,
    );
  }
  const names = [...combined.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs: [string, string][] = [];
  for (const name of names) {
    if (name === "set-cookie") for (const cookie of cookies) pairs.push([name, cookie]);
    else pairs.push([name, combined.get(name) ?? ""]);
  }
  return pairs;
}

const isHttpWhitespace = (code: number) => code === 0x09 || code === 0x0a || code === 0x0d || code === 0x20;

/** https://fetch.spec.whatwg.org/#concept-header-value-normalize */
function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end -= 1;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start += 1;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
