import { EntraError } from "../entra-error.ts";
import { filterNodes, filterProperties, parseODataFilter, type ODataFilter } from "./odata-filter.ts";
import type { ODataResource } from "./odata-resource.ts";

/** One `$orderby` key. */
export type OrderKey = { path: string[]; descending: boolean };
/** One `$expand` item with its nested `$select`. */
export type ExpandItem = { name: string; select: string[] | null };
/** One `$search` clause: `"property:words"`; clauses joined by AND/OR. */
export type SearchClause = { property: string; words: string[] };
export type SearchQuery = { clauses: SearchClause[]; join: "AND" | "OR" };

/** The query options of a list request, parsed and checked against the resource. */
export type ListQuery = {
  filter: ODataFilter | null;
  search: SearchQuery | null;
  orderby: OrderKey[];
  expand: ExpandItem[];
  select: string[] | null;
  count: boolean;
  top: number;
  skip: number;
};

const UNSUPPORTED_QUERY = "Unsupported Query.";

function badRequest(message: string): never {
  throw new EntraError(400, "BadRequest", message);
}

function unsupported(message = UNSUPPORTED_QUERY): never {
  throw new EntraError(400, "Request_UnsupportedQuery", message);
}

/** `ConsistencyLevel: eventual`, the header that opts in to advanced queries. */
export function isEventual(request: Request): boolean {
  return request.headers.get("consistencylevel")?.trim().toLowerCase() === "eventual";
}

function knows(resource: ODataResource, name: string): boolean {
  return resource.properties.includes(name) || (resource.extraProperty?.(name) ?? false);
}

function unknownMember(
  resource: ODataResource,
  name: string,
  option: "select" | "filter" | "orderby",
): never {
  const message = `Could not find a property named '${name}' on type '${resource.type}'.`;
  if (option === "select") badRequest(`Parsing OData Select and Expand failed: ${message}`);
  return badRequest(option === "filter" ? `Invalid filter clause: ${message}` : message);
}

/**
 * Reads `$filter`, `$search`, `$orderby`, `$expand`, `$select`, `$count`, `$top`, `$skiptoken`
 * and refuses what Graph refuses for this resource. Directory objects follow the advanced-query
 * rules (https://learn.microsoft.com/graph/aad-advanced-queries): `$search` and `$count` need
 * `ConsistencyLevel: eventual`; `endsWith` needs it and `$count=true`; `$orderby` with `$filter`
 * or `$search` needs it. Assumed: `ne` and `not` are served without it (the fake's earlier
 * behaviour, kept for scripts that rely on it).
 */
export function readListQuery(request: Request, resource: ODataResource): ListQuery {
  const query = new URL(request.url).searchParams;
  const eventual = isEventual(request);
  const count = readCount(query.get("$count"));
  if (count && resource.directoryObject && !eventual)
    throw new EntraError(400, "Request_BadRequest", "$count is not currently supported.");
  const filter = readFilter(query.get("$filter"), resource, { eventual, count });
  const search = readSearch(query.get("$search"), resource, eventual);
  const orderby = readOrderby(query.get("$orderby"), resource);
  if (orderby.length > 0 && resource.directoryObject && (filter || search) && !eventual)
    unsupported("Sorting not supported for current query.");
  return {
    filter,
    search,
    orderby,
    expand: readExpand(query.get("$expand"), resource),
    select: readSelect(query.get("$select"), resource),
    count,
    top: readTop(query.get("$top"), resource),
    skip: readSkip(query.get("$skiptoken")),
  };
}

function readCount(text: string | null): boolean {
  if (text === null) return false;
  const lower = text.toLowerCase();
  if (lower !== "true" && lower !== "false")
    badRequest(`The value '${text}' is not valid for the $count query option.`);
  return lower === "true";
}

function readFilter(
  text: string | null,
  resource: ODataResource,
  options: { eventual: boolean; count: boolean },
): ODataFilter | null {
  if (text === null || text.trim() === "") return null;
  const filter = parseODataFilter(text);
  for (const path of filterProperties(filter)) {
    const name = path[0] ?? "";
    if (!knows(resource, name)) unknownMember(resource, name, "filter");
  }
  for (const node of filterNodes(filter)) {
    if (node.kind === "function" && !resource.functions.includes(node.name)) {
      if (resource.directoryObject) unsupported();
      badRequest(`Invalid filter clause: the function '${node.name}' is not supported on ${resource.type}.`);
    }
    if (node.kind === "function" && node.name === "endswith" && resource.directoryObject) {
      if (!options.eventual || !options.count) unsupported();
    }
    if (node.kind === "lambda" && !resource.lambdas)
      badRequest(`Invalid filter clause: lambda operators are not supported on ${resource.type}.`);
  }
  return filter;
}

/**
 * `"displayName:ali" AND "mail:contoso"`: each clause quoted, property then words
 * (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections).
 */
function readSearch(text: string | null, resource: ODataResource, eventual: boolean): SearchQuery | null {
  if (text === null) return null;
  if (resource.search.length === 0)
    badRequest(`Query option '$search' is not supported on ${resource.type}.`);
  if (resource.directoryObject && !eventual) {
    unsupported(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const parts = text.trim().split(/\s+(AND|OR)\s+(?=")/);
  const joins = parts.filter((_, index) => index % 2 === 1);
  if (new Set(joins).size > 1) unsupported("Mixing AND and OR in $search is not supported.");
  const clauses = parts
    .filter((_, index) => index % 2 === 0)
    .map((part): SearchClause => {
      const match = /^"([A-Za-z][\w]*):([^"]*)"$/.exec(part.trim());
      if (!match) badRequest(`Syntax error in $search: expected "property:value", got ${part}.`);
      const [, property = "", value = ""] = match;
      if (!resource.search.includes(property)) {
        unsupported(
          `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource.type.replace("microsoft.graph.", "")}'.`,
        );
      }
      return { property, words: value.toLowerCase().split(/\s+/).filter(Boolean) };
    });
  return { clauses, join: joins[0] === "OR" ? "OR" : "AND" };
}

function readOrderby(text: string | null, resource: ODataResource): OrderKey[] {
  if (text === null || text.trim() === "") return [];
  if (!resource.orderby) badRequest(`Query option '$orderby' is not supported on ${resource.type}.`);
  return text.split(",").map((part) => {
    const [name = "", direction, extra] = part.trim().split(/\s+/);
    const lower = direction?.toLowerCase();
    if (extra !== undefined || (lower !== undefined && lower !== "asc" && lower !== "desc"))
      badRequest(`Syntax error in $orderby at '${part.trim()}'.`);
    const path = name.split("/");
    if (!knows(resource, path[0] ?? "")) unknownMember(resource, name, "orderby");
    return { path, descending: lower === "desc" };
  });
}

/** `$expand=manager`, `members($select=id,displayName)`: navigation properties the resource serves. */
export function readExpand(text: string | null, resource: ODataResource): ExpandItem[] {
  if (text === null || text.trim() === "") return [];
  if (Object.keys(resource.expand).length === 0)
    badRequest(`Query option '$expand' is not supported on ${resource.type}.`);
  return splitTopLevel(text).map((part) => {
    const match = /^([A-Za-z][\w]*)(?:\((.*)\))?$/.exec(part.trim());
    const name = match?.[1] ?? part.trim();
    if (!match || !Object.hasOwn(resource.expand, name)) unknownMember(resource, name, "select");
    const nested = match[2];
    const select = nested === undefined ? null : /^\$select=(.+)$/.exec(nested.trim())?.[1];
    if (select === undefined)
      badRequest(`Parsing OData Select and Expand failed: only $select is supported inside $expand.`);
    return { name, select: select === null ? null : select.split(",").map((item) => item.trim()) };
  });
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "(") depth++;
    if (text[index] === ")") depth--;
    if (text[index] === "," && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `$select=a,b`; a member the type does not have is refused as Graph refuses it. */
export function readSelect(text: string | null, resource: ODataResource): string[] | null {
  if (text === null || text.trim() === "") return null;
  const names = text.split(",").map((name) => name.trim());
  for (const name of names) if (!knows(resource, name)) unknownMember(resource, name, "select");
  return names;
}

function readTop(text: string | null, resource: ODataResource): number {
  if (text === null) return resource.defaultTop;
  const top = Number(text);
  if (!Number.isInteger(top) || top < 1 || top > resource.maxTop) {
    throw new EntraError(
      400,
      "Request_BadRequest",
      `Invalid page size specified: '${text}'. Must be between 1 and ${resource.maxTop} inclusive.`,
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
