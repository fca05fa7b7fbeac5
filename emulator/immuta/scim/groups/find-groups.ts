import type { Filter } from "../../../scim/index.ts";
import { matchesFilter } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { ImmutaGroup } from "../../model/group-store.ts";
import type { Iam } from "../../model/immuta-state.ts";
import { indexedCandidates } from "../indexed-candidates.ts";
import { renderGroup } from "./render-group.ts";

/**
 * Groups matching a filter, judged on the rendered group. `displayName` and `id` equalities
 * (Entra matches groups by displayName) are read from the store's indexes in O(1) (see
 * indexedCandidates); other filters scan.
 */
export function findGroups(iam: Iam, baseUrl: string, filter: Filter): ImmutaGroup[] {
  const candidates = indexedCandidates(filter, URN.group, (name, value) => lookup(iam, name, value));
  const found: ImmutaGroup[] = [];
  for (const group of candidates ?? iam.groups.all())
    if (matchesFilter(renderGroup(group, baseUrl), filter)) found.push(group);
  return found;
}

function lookup(iam: Iam, name: string, value: string): ImmutaGroup[] | undefined {
  const group =
    name === "displayname"
      ? iam.groups.getByDisplayName(value)
      : name === "id"
        ? iam.groups.get(value)
        : null;
  if (group === null) return undefined;
  return group === undefined ? [] : [group];
}
