import { setOwn, type JsonObject } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { IamConfig } from "../../model/iam-config.ts";
import type { ImmutaUser } from "../../model/user-store.ts";
import { isExtensionKey } from "../extension-objects.ts";
import { etagOf } from "../scim-reply.ts";

/** The stored user as a SCIM User resource. */
export function renderUser(user: ImmutaUser, iam: IamConfig, baseUrl: string): JsonObject {
  const body: JsonObject = {};
  for (const key of Object.keys(user.resource)) {
    // With echoExtensions off the fake forgets extension data on read, like a server that drops it.
    if (!iam.assumptions.echoExtensions && isExtensionKey(key)) continue;
    // Stored keys are checked attribute names, so `__proto__` never reaches here; setOwn keeps it own anyway.
    setOwn(body, key, user.resource[key] ?? null);
  }
  return {
    schemas: body.schemas ?? [URN.user],
    id: user.scimId,
    ...body,
    meta: {
      resourceType: "User",
      created: user.created,
      lastModified: user.lastModified,
      location: `${baseUrl}/Users/${user.scimId}`,
      version: etagOf(user.version),
    },
  };
}
