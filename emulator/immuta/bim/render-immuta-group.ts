import { authorizationsToJson } from "../model/authorizations.ts";
import type { ImmutaGroup } from "../model/group-store.ts";
import type { ImmutaState } from "../model/immuta-state.ts";
import type { JsonObject } from "../../scim/index.ts";

/**
 * A group as `GET /bim/group/{groupId}` returns it (v1 API Swagger group model):
 * `{id, iamid, name, gid, email, authorizations, description, scim, scimid, createdAt, updatedAt}`.
 * `authorizations` holds the Immuta-set attributes: SCIM does not map group attributes here.
 */
export function renderImmutaGroup(state: ImmutaState, group: ImmutaGroup): JsonObject {
  const description = group.resource.description;
  return {
    id: group.immutaId,
    iamid: group.iamid,
    name: group.displayName,
    gid: null,
    email: null,
    authorizations: authorizationsToJson(state.groupAuthorizations(group.immutaId)),
    description: typeof description === "string" ? description : null,
    scim: { ...group.resource, id: group.scimId, displayName: group.displayName },
    scimid: group.scimId,
    memberCount: group.members.size,
    createdAt: group.created,
    updatedAt: group.lastModified,
  };
}
