import type { JsonObject, JsonValue } from "../../scim/index.ts";
import { setOwn } from "../../scim/index.ts";
import { graphBase } from "./graph-http.ts";
import { matchesODataFilter } from "./odata-filter.ts";
import {
  readExpand,
  readListQuery,
  readSelect,
  type ExpandItem,
  type ListQuery,
  type OrderKey,
} from "./odata-query.ts";
import type { ODataResource } from "./odata-resource.ts";

/**
 * A Graph collection answer (`{"@odata.context", "@odata.count"?, "@odata.nextLink"?, "value"}`)
 * with the query options of readListQuery. Links use the scheme and host the request came in
 * on, so a client that follows `@odata.nextLink` stays on the fake (and on https when it came
 * in over https, which the SDKs' PageIterator needs to strip the host).
 */
export function listResponse(
  request: Request,
  context: string,
  items: Iterable<JsonObject>,
  resource: ODataResource,
): JsonObject {
  const query = readListQuery(request, resource);
  const { matched, more } = matchedPage(items, query);
  const page = matched.slice(query.skip, query.skip + query.top).map((item) => shape(item, query, resource));
  const body: JsonObject = { "@odata.context": `${graphBase(request)}/$metadata#${context}` };
  if (query.count) body["@odata.count"] = matched.length;
  if (more) {
    const next = new URL(request.url);
    next.searchParams.set("$skiptoken", String(query.skip + query.top));
    body["@odata.nextLink"] = next.href;
  }
  body.value = page;
  return body;
}

/**
 * The items that match, sorted when `$orderby` asks, and whether any match lies past the page.
 * Without `$orderby` and `$count` only the page and one item more are needed, so a long
 * collection (a provisioning log at its bound) is read no further than that.
 */
function matchedPage(
  items: Iterable<JsonObject>,
  query: ListQuery,
): { matched: JsonObject[]; more: boolean } {
  const { filter, search } = query;
  const matches = (item: JsonObject) =>
    (filter === null || matchesODataFilter(filter, item)) && (search === null || matchesSearch(search, item));
  const end = query.skip + query.top;
  const whole = query.orderby.length > 0 || query.count;
  const matched: JsonObject[] = [];
  for (const item of items) {
    if (!matches(item)) continue;
    matched.push(item);
    if (!whole && matched.length > end) break;
  }
  const sorted = query.orderby.length > 0 ? sortBy(matched, query.orderby) : matched;
  return { matched: sorted, more: end < sorted.length };
}

/** One entity with `@odata.context` (`...$metadata#users/$entity`), `$select` and `$expand` applied. */
export function entityResponse(
  request: Request,
  context: string,
  item: JsonObject,
  resource: ODataResource,
): JsonObject {
  const url = new URL(request.url);
  const query: Pick<ListQuery, "select" | "expand"> = {
    select: readSelect(url.searchParams.get("$select"), resource),
    expand: readExpand(url.searchParams.get("$expand"), resource),
  };
  return withContext(request, `${context}/$entity`, shape(item, query, resource));
}

/** The body with `@odata.context` first, as Graph writes it. */
export function withContext(request: Request, context: string, body: JsonObject): JsonObject {
  return { "@odata.context": `${graphBase(request)}/$metadata#${context}`, ...body };
}

function shape(
  item: JsonObject,
  query: Pick<ListQuery, "select" | "expand">,
  resource: ODataResource,
): JsonObject {
  const out = select(item, query.select);
  for (const expand of query.expand) addExpanded(out, item, expand, resource);
  return out;
}

function addExpanded(out: JsonObject, item: JsonObject, expand: ExpandItem, resource: ODataResource): void {
  const value = resource.expand[expand.name]?.(item);
  // Graph leaves an empty single-valued navigation property out (no manager: no `manager`).
  if (value === undefined) return;
  const narrow = (entry: JsonValue): JsonValue =>
    expand.select !== null && typeof entry === "object" && entry !== null && !Array.isArray(entry)
      ? select(entry, ["@odata.type", ...expand.select])
      : entry;
  setOwn(out, expand.name, Array.isArray(value) ? value.map(narrow) : narrow(value));
}

/** `$select`: only those members (and `id`); names are checked by readSelect. */
export function select(item: JsonObject, names: string[] | null): JsonObject {
  if (names === null) return item;
  const out: JsonObject = {};
  for (const name of ["@odata.type", "id", ...names]) {
    if (Object.hasOwn(item, name)) setOwn(out, name, item[name] ?? null);
  }
  return out;
}

/**
 * Directory `$search` tokenizes values: a word matches when a token of the value starts with it
 * (https://learn.microsoft.com/graph/search-query-parameter); case is ignored.
 */
function matchesSearch(search: NonNullable<ListQuery["search"]>, item: JsonObject): boolean {
  const test = (clause: (typeof search.clauses)[number]) => {
    const value = item[clause.property];
    if (typeof value !== "string") return false;
    const text = value.toLowerCase();
    const tokens = text.split(/[\s\-_.@,;:/\\()]+/).filter(Boolean);
    return clause.words.every(
      (word) => text.startsWith(word) || tokens.some((token) => token.startsWith(word)),
    );
  };
  return search.join === "AND" ? search.clauses.every(test) : search.clauses.some(test);
}

function readPath(item: JsonObject, path: string[]): JsonValue {
  let current: JsonValue = item;
  for (const key of path) {
    if (
      typeof current !== "object" ||
      current === null ||
      Array.isArray(current) ||
      !Object.hasOwn(current, key)
    )
      return null;
    current = current[key] ?? null;
  }
  return current;
}

/** A stable sort; nulls sort first ascending (OData URL conventions §5.1.1.4 $orderby). */
function sortBy(items: JsonObject[], keys: OrderKey[]): JsonObject[] {
  const rank = (value: JsonValue): string | number | null =>
    typeof value === "string"
      ? value.toLowerCase()
      : typeof value === "number"
        ? value
        : value === null
          ? null
          : JSON.stringify(value);
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const [left, right] = [rank(readPath(a, key.path)), rank(readPath(b, key.path))];
      if (left === right) continue;
      const order = left === null ? -1 : right === null ? 1 : left < right ? -1 : 1;
      return key.descending ? -order : order;
    }
    return 0;
  });
}
