import type { JsonObject } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { ImmutaGroup } from "../../model/group-store.ts";
import { etagOf } from "../scim-reply.ts";

/** The stored group as a SCIM Group resource; `members` can be left out (excludedAttributes=members). */
export function renderGroup(group: ImmutaGroup, baseUrl: string, withMembers = true): JsonObject {
  return {
    schemas: group.resource.schemas ?? [URN.group],
    id: group.scimId,
    ...group.resource,
    displayName: group.displayName,
    ...(withMembers
      ? {
          members: [...group.members].map((value) => {
            const display = group.memberDisplays.get(value);
            return {
              value,
              ...(display === undefined ? {} : { display }),
              $ref: `${baseUrl}/Users/${value}`,
              type: "User",
            };
          }),
        }
      : {}),
    meta: {
      resourceType: "Group",
      created: group.created,
      lastModified: group.lastModified,
      location: `${baseUrl}/Groups/${group.scimId}`,
      version: etagOf(group.version),
    },
  };
}
