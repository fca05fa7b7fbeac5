import type { Filter } from "../../scim/index.ts";

/**
 * The resources an index holds for `<name> eq "<value>"` (`name` lower-cased), or undefined when
 * the attribute has no index.
 */
export type IndexLookup<T> = (name: string, value: string) => T[] | undefined;

/**
 * A superset of a filter's matches read from a store's indexes, or undefined when the filter
 * needs a scan. Indexed equalities on the resource's core attributes (plain or qualified with
 * `coreSchemaUrn`) answer alone, as a conjunct of `and` (Entra "only uses the following operators:
 * eq, and", https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups)
 * or on both sides of `or`; callers still judge every candidate on its rendered resource.
 */
export function indexedCandidates<T>(
  filter: Filter,
  coreSchemaUrn: string,
  lookup: IndexLookup<T>,
): T[] | undefined {
  switch (filter.kind) {
    case "compare": {
      if (filter.op !== "eq" || typeof filter.value !== "string") return undefined;
      const { uri, name, subAttr } = filter.path;
      if (subAttr !== null || (uri !== null && uri.toLowerCase() !== coreSchemaUrn.toLowerCase()))
        return undefined;
      return lookup(name.toLowerCase(), filter.value);
    }
    case "and": {
      const left = indexedCandidates(filter.left, coreSchemaUrn, lookup);
      const right = indexedCandidates(filter.right, coreSchemaUrn, lookup);
      if (left === undefined || right === undefined) return left ?? right;
      return left.length <= right.length ? left : right;
    }
    case "or": {
      const left = indexedCandidates(filter.left, coreSchemaUrn, lookup);
      const right = left === undefined ? undefined : indexedCandidates(filter.right, coreSchemaUrn, lookup);
      if (left === undefined || right === undefined) return undefined;
      return [...new Set([...left, ...right])];
    }
    case "not":
    case "present":
    case "valuePath":
      return undefined;
  }
}
