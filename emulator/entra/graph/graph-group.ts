import type { JsonObject } from "../../scim/index.ts";
import type { EntraGroup } from "../directory/entra-user.ts";

/** A directory group as Microsoft Graph v1.0 returns it (https://learn.microsoft.com/graph/api/resources/group). */
export function toGraphGroup(group: EntraGroup): JsonObject {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    mailNickname: group.mailNickname,
    mailEnabled: group.mailEnabled,
    securityEnabled: group.securityEnabled,
    groupTypes: [...group.groupTypes],
    createdDateTime: group.createdDateTime,
    deletedDateTime: group.deletedDateTime,
  };
}
