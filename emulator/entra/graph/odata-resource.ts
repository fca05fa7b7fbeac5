import type { JsonObject, JsonValue } from "../../scim/index.ts";
import type { FilterFunction } from "./odata-filter.ts";

/**
 * What one Graph collection accepts in its query options, so one parser serves them all.
 * `directoryObject`: the advanced-query rules of directory objects apply (ConsistencyLevel,
 * https://learn.microsoft.com/graph/aad-advanced-queries).
 */
export type ODataResource = {
  /** The OData type, for Graph's messages: `microsoft.graph.user`. */
  type: string;
  /** Members `$select`, `$filter` and `$orderby` may name. */
  properties: readonly string[];
  /** Member names accepted beyond `properties` (directory extensions). */
  extraProperty?: (name: string) => boolean;
  directoryObject: boolean;
  /** `$filter` string functions served. */
  functions: readonly FilterFunction[];
  /** `any`/`all` on collection members. */
  lambdas: boolean;
  /** Members `$search` may name; empty: `$search` is not served. */
  search: readonly string[];
  orderby: boolean;
  /** Navigation properties `$expand` may name, each with how to read it from an item. */
  expand: { readonly [name: string]: (item: JsonObject) => JsonValue | undefined };
  maxTop: number;
  defaultTop: number;
};

/** Members of a Graph `user` the fake serves (https://learn.microsoft.com/graph/api/resources/user), beyond its stored properties. */
const DIRECTORY_OBJECT = ["id", "createdDateTime", "deletedDateTime", "@odata.type"] as const;

/** A directory collection of users or groups; `expand` adds the navigation properties served. */
export function directoryResource(options: {
  type: "microsoft.graph.user" | "microsoft.graph.group";
  properties: readonly string[];
  extraProperty?: (name: string) => boolean;
  expand?: ODataResource["expand"];
}): ODataResource {
  return {
    type: options.type,
    properties: [...DIRECTORY_OBJECT, ...options.properties],
    ...(options.extraProperty ? { extraProperty: options.extraProperty } : {}),
    directoryObject: true,
    // contains is not served on directory objects (https://learn.microsoft.com/graph/filter-query-parameter).
    functions: ["startswith", "endswith"],
    lambdas: true,
    search:
      options.type === "microsoft.graph.user"
        ? ["displayName", "givenName", "surname", "mail", "mailNickname", "userPrincipalName", "jobTitle"]
        : ["displayName", "description", "mail", "mailNickname"],
    orderby: true,
    expand: options.expand ?? {},
    maxTop: 999,
    defaultTop: 100,
  };
}

/** A collection without query rules beyond `$filter`, `$select`, `$top`: members are not checked. */
export function plainResource(
  type: string,
  options: { properties?: readonly string[]; functions?: readonly FilterFunction[]; maxTop?: number } = {},
): ODataResource {
  return {
    type,
    properties: options.properties ?? [],
    extraProperty: options.properties ? () => false : () => true,
    directoryObject: false,
    functions: options.functions ?? ["startswith"],
    lambdas: false,
    search: [],
    orderby: false,
    expand: {},
    maxTop: options.maxTop ?? 999,
    defaultTop: options.maxTop ?? 100,
  };
}
