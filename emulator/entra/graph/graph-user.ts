import { setOwn, type JsonObject } from "../../scim/index.ts";
import { ON_PREMISES_EXTENSION_ATTRIBUTES, type EntraUser } from "../directory/entra-user.ts";

/** A directory user as Microsoft Graph v1.0 returns it. */
export function toGraphUser(user: EntraUser): JsonObject {
  const body: JsonObject = { id: user.id };
  const onPremises: JsonObject = {};
  for (const name of ON_PREMISES_EXTENSION_ATTRIBUTES)
    setOwn(onPremises, name, user.properties.get(name) ?? null);
  for (const [name, value] of [...user.properties].sort(([a], [b]) => a.localeCompare(b))) {
    if (ON_PREMISES_EXTENSION_ATTRIBUTES.includes(name)) continue;
    setOwn(body, name, value);
  }
  if (!Object.hasOwn(body, "businessPhones")) body.businessPhones = [];
  body.onPremisesExtensionAttributes = onPremises;
  body.createdDateTime = user.createdDateTime;
  if (user.deletedDateTime) body.deletedDateTime = user.deletedDateTime;
  return body;
}
