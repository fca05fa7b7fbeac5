import { EntraError } from "../../emulator/entra/index.ts";
import type { World } from "../world/build-world.ts";

/** The object id of a user by id or userPrincipalName, or Graph's 404. */
export function requireUser(world: World, idOrUpn: string): string {
  const user = world.tenant.directory.user(idOrUpn);
  if (!user) throw new EntraError(404, "Request_ResourceNotFound", `no user '${idOrUpn}' in the directory`);
  return user.id;
}

/** The object id of a group by id or displayName (case-insensitive), or Graph's 404. */
export function requireGroup(world: World, idOrName: string): string {
  const directory = world.tenant.directory;
  const group =
    directory.group(idOrName) ??
    directory.groups().find((candidate) => candidate.displayName.toLowerCase() === idOrName.toLowerCase());
  if (!group)
    throw new EntraError(404, "Request_ResourceNotFound", `no group '${idOrName}' in the directory`);
  return group.id;
}

/** The object id of a user (id or userPrincipalName) or a group (id or exact displayName). */
export function requirePrincipal(world: World, name: string): string {
  const directory = world.tenant.directory;
  const id =
    directory.user(name)?.id ??
    directory.groups().find((group) => group.displayName === name || group.id === name)?.id;
  if (!id) throw new EntraError(404, "Request_ResourceNotFound", `no user or group '${name}'`);
  return id;
}
