import type { Filter } from "../scim/filter/filter-ast.ts";
import { matchesFilter } from "../scim/filter/match-filter.ts";
import type { JsonObject } from "../scim/json.ts";
import { URN } from "../scim/urns.ts";
import type { Iam } from "./immuta-state.ts";
import type { ImmutaUser } from "./user-store.ts";

/**
 * The SCIM-visible users of an IAM that match a filter, in store order. Every candidate is judged
 * on its rendered resource (id, meta, externalId, extensions), so a filter sees what a GET shows.
 * `userName`, `externalId` and `id` equalities, alone or as a conjunct of `and` (Entra's matching
 * filters, reference/entra.md §1.3), are answered from the store's indexes in O(1); other
 * filters scan.
 */
export function findUsers(iam: Iam, filter: Filter, render: (user: ImmutaUser) => JsonObject): ImmutaUser[] {
  const candidates = indexedCandidates(iam, filter) ?? iam.users.all();
  const found: ImmutaUser[] = [];
  for (const user of candidates) {
    if (!user.scimDeleted && matchesFilter(render(user), filter)) found.push(user);
  }
  return found;
}

/** A superset of the matches read from an index, or undefined when the filter needs a scan. */
function indexedCandidates(iam: Iam, filter: Filter): ImmutaUser[] | undefined {
  switch (filter.kind) {
    case "compare":
      return lookup(iam, filter);
    case "and": {
      const left = indexedCandidates(iam, filter.left);
      const right = indexedCandidates(iam, filter.right);
      if (left === undefined || right === undefined) return left ?? right;
      return left.length <= right.length ? left : right;
    }
    case "or": {
      const left = indexedCandidates(iam, filter.left);
      const right = left === undefined ? undefined : indexedCandidates(iam, filter.right);
      if (left === undefined || right === undefined) return undefined;
      return [...new Set([...left, ...right])];
    }
    case "not":
    case "present":
    case "valuePath":
      return undefined;
  }
}

function lookup(iam: Iam, filter: Extract<Filter, { kind: "compare" }>): ImmutaUser[] | undefined {
  if (filter.op !== "eq" || typeof filter.value !== "string") return undefined;
  const { uri, name, subAttr } = filter.path;
  if (subAttr !== null || (uri !== null && uri.toLowerCase() !== URN.user.toLowerCase())) return undefined;
  switch (name.toLowerCase()) {
    case "username":
      return optional(iam.users.getByUserName(filter.value));
    case "externalid":
      return iam.users.getByExternalId(filter.value);
    case "id":
      return optional(iam.users.get(filter.value));
    default:
      return undefined;
  }
}

function optional(user: ImmutaUser | undefined): ImmutaUser[] {
  return user === undefined ? [] : [user];
}
