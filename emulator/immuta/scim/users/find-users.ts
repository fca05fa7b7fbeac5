import type { Filter } from "../../../scim/index.ts";
import { matchesFilter } from "../../../scim/index.ts";
import type { JsonObject } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { Iam } from "../../model/immuta-state.ts";
import type { ImmutaUser } from "../../model/user-store.ts";
import { indexedCandidates } from "../indexed-candidates.ts";

/** A filter, how candidates are rendered, and the page (0-based `from`, `count`) to keep renders of. */
export type UsersPageQuery = {
  filter: Filter;
  render: (user: ImmutaUser) => JsonObject;
  from: number;
  count: number;
};

/**
 * The SCIM-visible users of an IAM that match a filter, in store order, with the rendered resources
 * of the matches on one page. Every candidate is judged on its rendered resource (id, meta,
 * externalId, extensions), so a filter sees what a GET shows, and that resource is the one the list
 * answers: a match is rendered once, and renders off the page are not kept. `userName`,
 * `externalId` and `id` equalities are answered from the store's indexes in O(1) (see
 * indexedCandidates); other filters scan.
 */
export function findUsersPage(iam: Iam, query: UsersPageQuery): { users: ImmutaUser[]; page: JsonObject[] } {
  const { filter, render, from, count } = query;
  const candidates = indexedCandidates(filter, URN.user, (name, value) => lookup(iam, name, value));
  const users: ImmutaUser[] = [];
  const page: JsonObject[] = [];
  for (const user of candidates ?? iam.users.all()) {
    if (user.scimDeleted) continue;
    const resource = render(user);
    if (!matchesFilter(resource, filter)) continue;
    if (users.length >= from && users.length < from + count) page.push(resource);
    users.push(user);
  }
  return { users, page };
}

function lookup(iam: Iam, name: string, value: string): ImmutaUser[] | undefined {
  switch (name) {
    case "username":
      return optional(iam.users.getByUserName(value));
    case "externalid":
      return iam.users.getByExternalId(value);
    case "id":
      return optional(iam.users.get(value));
    default:
      return undefined;
  }
}

function optional(user: ImmutaUser | undefined): ImmutaUser[] {
  return user === undefined ? [] : [user];
}
