import type { JsonObject } from "../../scim/json.ts";
import { setOwn } from "../../scim/json.ts";
import { EntraError } from "../entra-error.ts";
import { GRAPH } from "./graph-http.ts";
import { matchesODataFilter, parseODataFilter } from "./odata-filter.ts";

/**
 * A Graph collection answer (`{"@odata.context", "value": [...]}`) with the query options scripts
 * use: `$filter` (see parseODataFilter), `$select`, `$top` (1..max; more pages carry
 * `@odata.nextLink` with a `$skiptoken`) and `$count=true`.
 */
export function listResponse(
  url: URL,
  context: string,
  items: JsonObject[],
  options: { maxTop: number; defaultTop: number },
): JsonObject {
  const query = url.searchParams;
  const filterText = query.get("$filter");
  const filtered =
    filterText === null || filterText.trim() === ""
      ? items
      : ((filter) => items.filter((item) => matchesODataFilter(filter, item)))(parseODataFilter(filterText));
  const top = readTop(query.get("$top"), options);
  const skip = readSkip(query.get("$skiptoken"));
  const page = filtered.slice(skip, skip + top).map((item) => select(item, query.get("$select")));
  const body: JsonObject = { "@odata.context": `${GRAPH}/$metadata#${context}` };
  if (query.get("$count") === "true") body["@odata.count"] = filtered.length;
  if (skip + top < filtered.length) {
    // The link points back at this server, so a script that follows nextLink stays on the fake.
    const next = new URL(url.href);
    next.searchParams.set("$skiptoken", String(skip + top));
    body["@odata.nextLink"] = next.href;
  }
  body.value = page;
  return body;
}

function readTop(text: string | null, options: { maxTop: number; defaultTop: number }): number {
  if (text === null) return options.defaultTop;
  const top = Number(text);
  if (!Number.isInteger(top) || top < 1 || top > options.maxTop) {
    throw new EntraError(
      400,
      "Request_BadRequest",
      `Invalid page size specified: '${text}'. Must be between 1 and ${options.maxTop} inclusive.`,
    );
  }
  return top;
}

function readSkip(text: string | null): number {
  if (text === null) return 0;
  const skip = Number(text);
  if (!Number.isInteger(skip) || skip < 0)
    throw new EntraError(400, "Request_BadRequest", "Invalid $skiptoken.");
  return skip;
}

/** `$select=a,b`: only those members (and `id`); members that don't exist are left out. */
export function select(item: JsonObject, selection: string | null): JsonObject {
  if (selection === null || selection.trim() === "") return item;
  const names = selection.split(",").map((name) => name.trim());
  const out: JsonObject = {};
  for (const name of ["id", ...names]) {
    if (Object.hasOwn(item, name)) setOwn(out, name, item[name] ?? null);
  }
  return out;
}
