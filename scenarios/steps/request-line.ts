import type { ScimExchangeRecord } from "../../emulator/entra/index.ts";

/** `METHOD /path?query` relative to the tenant URL, query decoded, as expectations write it. */
export function requestLine(exchange: ScimExchangeRecord, baseUrl: string): string {
  const url = new URL(exchange.url);
  const basePath = basePathOf(baseUrl);
  const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || "/" : url.pathname;
  const query = [...url.searchParams].map(([key, value]) => `${key}=${value}`).join("&");
  return `${exchange.method} ${decodeURIComponent(path)}${query ? `?${query}` : ""}`;
}

/** The last tenant URL's path: a cycle's 20,000 request lines share one tenant URL, parsed once. */
let lastBase = { url: "", path: "" };

function basePathOf(baseUrl: string): string {
  if (lastBase.url !== baseUrl) lastBase = { url: baseUrl, path: new URL(baseUrl).pathname };
  return lastBase.path;
}

/** An expected request line; `*` stands for any text (e.g. the random GUID of the keep-alive probe). */
export function matchesLine(line: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(line);
}

/** Deep JSON equality where an expected string containing `*` matches any text in its place. */
export function matchesJson(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string")
    return expected.includes("*") ? matchesLine(actual, expected) : actual === expected;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => matchesJson(actual[index], item))
    );
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every(
        (key) =>
          Object.hasOwn(actual, key) &&
          matchesJson((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
      )
    );
  }
  return actual === expected;
}
