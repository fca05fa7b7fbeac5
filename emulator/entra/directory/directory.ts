import type { JsonValue } from "../../scim/json.ts";
import { EntraError } from "../entra-error.ts";
import {
  DIRECTORY_EXTENSION,
  GRAPH_USER_PROPERTIES,
  ON_PREMISES_EXTENSION_ATTRIBUTES,
  type EntraGroup,
  type EntraUser,
} from "./entra-user.ts";

const KNOWN_PROPERTIES = new Set<string>(GRAPH_USER_PROPERTIES);

/** Injected sources of time and identity. */
export type DirectoryRuntime = { clock: () => Date; newId: () => string };

/**
 * The fake tenant's directory: users and groups with Graph property names, soft delete
 * (recycle bin) and purge, and a change sequence that incremental cycles read as their watermark.
 */
export class Directory {
  readonly #users = new Map<string, EntraUser>();
  readonly #byUpn = new Map<string, string>();
  readonly #groups = new Map<string, EntraGroup>();
  readonly #runtime: DirectoryRuntime;
  #seq = 0;
  /** Objects purged from the recycle bin since the start, for hard deletes in incremental cycles. */
  readonly purged: { id: string; type: "User" | "Group"; seq: number }[] = [];

  constructor(runtime: DirectoryRuntime) {
    this.#runtime = runtime;
  }

  get changeSeq(): number {
    return this.#seq;
  }

  users(options: { includeDeleted?: boolean } = {}): EntraUser[] {
    return [...this.#users.values()].filter(
      (user) => options.includeDeleted || user.deletedDateTime === null,
    );
  }

  groups(options: { includeDeleted?: boolean } = {}): EntraGroup[] {
    return [...this.#groups.values()].filter(
      (group) => options.includeDeleted || group.deletedDateTime === null,
    );
  }

  /** A user by object id or userPrincipalName (case-insensitive), as Graph addresses them. */
  user(idOrUpn: string): EntraUser | undefined {
    return this.#users.get(idOrUpn) ?? this.#users.get(this.#byUpn.get(idOrUpn.toLowerCase()) ?? "");
  }

  group(id: string): EntraGroup | undefined {
    return this.#groups.get(id);
  }

  createUser(properties: Record<string, JsonValue>, id?: string): EntraUser {
    const upn = properties.userPrincipalName;
    if (typeof upn !== "string" || !upn.includes("@")) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        "userPrincipalName is required and must look like user@domain",
      );
    }
    if (this.#byUpn.has(upn.toLowerCase())) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Another object with the same value for property userPrincipalName already exists: ${upn}`,
      );
    }
    const user: EntraUser = {
      id: id ?? this.#runtime.newId(),
      properties: new Map(),
      managerId: null,
      deletedDateTime: null,
      createdDateTime: this.#runtime.clock().toISOString(),
      changeSeq: ++this.#seq,
    };
    if (this.#users.has(user.id))
      throw new EntraError(400, "Request_BadRequest", `object id ${user.id} already exists`);
    user.properties.set("accountEnabled", true);
    this.#applyProperties(user, properties);
    this.#users.set(user.id, user);
    this.#byUpn.set(upn.toLowerCase(), user.id);
    return user;
  }

  /** Graph PATCH semantics: given properties change, `null` clears one. */
  updateUser(idOrUpn: string, properties: Record<string, JsonValue>): EntraUser {
    const user = this.#requireUser(idOrUpn);
    const oldUpn = user.properties.get("userPrincipalName");
    this.#applyProperties(user, properties);
    const newUpn = user.properties.get("userPrincipalName");
    if (typeof newUpn !== "string") {
      if (typeof oldUpn === "string") user.properties.set("userPrincipalName", oldUpn);
      throw new EntraError(400, "Request_BadRequest", "userPrincipalName cannot be cleared");
    }
    if (newUpn !== oldUpn && typeof oldUpn === "string") {
      this.#byUpn.delete(oldUpn.toLowerCase());
      this.#byUpn.set(newUpn.toLowerCase(), user.id);
    }
    user.changeSeq = ++this.#seq;
    return user;
  }

  setManager(idOrUpn: string, managerId: string | null): void {
    const user = this.#requireUser(idOrUpn);
    if (managerId !== null) this.#requireUser(managerId);
    user.managerId = managerId;
    user.changeSeq = ++this.#seq;
  }

  /** Graph DELETE /users/{id}: moves the user to the recycle bin (soft delete). */
  softDeleteUser(idOrUpn: string): EntraUser {
    const user = this.#requireUser(idOrUpn);
    user.deletedDateTime = this.#runtime.clock().toISOString();
    user.changeSeq = ++this.#seq;
    for (const group of this.#groups.values()) if (group.members.has(user.id)) group.changeSeq = ++this.#seq;
    return user;
  }

  /** POST /directory/deletedItems/{id}/restore. */
  restore(id: string): EntraUser | EntraGroup {
    const item = this.#users.get(id) ?? this.#groups.get(id);
    if (!item || item.deletedDateTime === null)
      throw new EntraError(404, "Request_ResourceNotFound", `no deleted item ${id}`);
    item.deletedDateTime = null;
    item.changeSeq = ++this.#seq;
    return item;
  }

  /** DELETE /directory/deletedItems/{id}: gone for good; provisioning sends a hard delete. */
  purge(id: string): void {
    const user = this.#users.get(id);
    if (user?.deletedDateTime) {
      this.#users.delete(id);
      const upn = user.properties.get("userPrincipalName");
      if (typeof upn === "string") this.#byUpn.delete(upn.toLowerCase());
      for (const group of this.#groups.values()) group.members.delete(id);
      this.purged.push({ id, type: "User", seq: ++this.#seq });
      return;
    }
    const group = this.#groups.get(id);
    if (group?.deletedDateTime) {
      this.#groups.delete(id);
      this.purged.push({ id, type: "Group", seq: ++this.#seq });
      return;
    }
    throw new EntraError(404, "Request_ResourceNotFound", `no deleted item ${id}`);
  }

  createGroup(
    input: {
      displayName: string;
      description?: string | null;
      mailNickname?: string | null;
      members?: string[];
    },
    id?: string,
  ): EntraGroup {
    if (input.displayName.trim() === "")
      throw new EntraError(400, "Request_BadRequest", "displayName is required");
    const group: EntraGroup = {
      id: id ?? this.#runtime.newId(),
      displayName: input.displayName,
      description: input.description ?? null,
      mailNickname: input.mailNickname ?? null,
      members: new Set(),
      deletedDateTime: null,
      createdDateTime: this.#runtime.clock().toISOString(),
      changeSeq: ++this.#seq,
    };
    for (const member of input.members ?? []) group.members.add(this.#requireUser(member).id);
    this.#groups.set(group.id, group);
    return group;
  }

  updateGroup(id: string, input: { displayName?: string; description?: string | null }): EntraGroup {
    const group = this.#requireGroup(id);
    if (input.displayName !== undefined) group.displayName = input.displayName;
    if (input.description !== undefined) group.description = input.description;
    group.changeSeq = ++this.#seq;
    return group;
  }

  addMember(groupId: string, userIdOrUpn: string): void {
    const group = this.#requireGroup(groupId);
    group.members.add(this.#requireUser(userIdOrUpn).id);
    group.changeSeq = ++this.#seq;
  }

  removeMember(groupId: string, userIdOrUpn: string): void {
    const group = this.#requireGroup(groupId);
    const user = this.#requireUser(userIdOrUpn);
    if (!group.members.delete(user.id))
      throw new EntraError(404, "Request_ResourceNotFound", `${user.id} is not a member of ${groupId}`);
    group.changeSeq = ++this.#seq;
  }

  softDeleteGroup(id: string): void {
    const group = this.#requireGroup(id);
    group.deletedDateTime = this.#runtime.clock().toISOString();
    group.changeSeq = ++this.#seq;
  }

  /** Marks an object changed without a property change (e.g. its assignment changed). */
  touch(id: string): void {
    const item = this.#users.get(id) ?? this.#groups.get(id);
    if (item) item.changeSeq = ++this.#seq;
  }

  #requireUser(idOrUpn: string): EntraUser {
    const user = this.user(idOrUpn);
    if (!user || user.deletedDateTime !== null) {
      throw new EntraError(
        404,
        "Request_ResourceNotFound",
        `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return user;
  }

  #requireGroup(id: string): EntraGroup {
    const group = this.#groups.get(id);
    if (!group || group.deletedDateTime !== null)
      throw new EntraError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist.`);
    return group;
  }

  #applyProperties(user: EntraUser, properties: Record<string, JsonValue>): void {
    for (const [name, value] of Object.entries(properties)) {
      if (name === "id" || name === "@odata.type") continue;
      if (name === "onPremisesExtensionAttributes") {
        this.#applyOnPremises(user, value);
        continue;
      }
      if (!KNOWN_PROPERTIES.has(name) && !DIRECTORY_EXTENSION.test(name)) {
        throw new EntraError(
          400,
          "Request_BadRequest",
          `Property '${name}' does not exist on type 'microsoft.graph.user'.`,
        );
      }
      if (name === "accountEnabled" && typeof value !== "boolean") {
        throw new EntraError(400, "Request_BadRequest", "accountEnabled must be a boolean");
      }
      if (value === null) user.properties.delete(name);
      else user.properties.set(name, value);
    }
  }

  #applyOnPremises(user: EntraUser, value: JsonValue): void {
    if (value === null) {
      for (const name of ON_PREMISES_EXTENSION_ATTRIBUTES) user.properties.delete(name);
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new EntraError(400, "Request_BadRequest", "onPremisesExtensionAttributes must be an object");
    }
    for (const [name, item] of Object.entries(value)) {
      if (!ON_PREMISES_EXTENSION_ATTRIBUTES.includes(name)) {
        throw new EntraError(
          400,
          "Request_BadRequest",
          `Property '${name}' does not exist on type 'microsoft.graph.onPremisesExtensionAttributes'.`,
        );
      }
      if (item === null) user.properties.delete(name);
      else user.properties.set(name, item);
    }
  }
}
