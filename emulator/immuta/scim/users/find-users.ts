import type { Filter } from "../../../scim/index.ts";
import { matchesFilter } from "../../../scim/index.ts";
import type { JsonObject } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { Iam } from "../../model/immuta-state.ts";
import type { ImmutaUser } from "../../model/user-store.ts";
import { indexedCandidates } from "../indexed-candidates.ts";

/**
 * The SCIM-visible users of an IAM that match a filter, in store order. Every candidate is judged
 * on its rendered resource (id, meta, externalId, extensions), so a filter sees what a GET shows.
 * `userName`, `externalId` and `id` equalities are answered from the store's indexes in O(1)
 * (see indexedCandidates); other filters scan.
 */
export function findUsers(iam: Iam, filter: Filter, render: (user: ImmutaUser) => JsonObject): ImmutaUser[] {
  const candidates = indexedCandidates(filter, URN.user, (name, value) => lookup(iam, name, value));
  const found: ImmutaUser[] = [];
  for (const user of candidates ?? iam.users.all()) {
    if (!user.scimDeleted && matchesFilter(render(user), filter)) found.push(user);
  }
  return found;
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
